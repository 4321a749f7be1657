/**
 * The repository's files as git sees them: tracked files plus new ones not yet committed (but not
 * ignored ones: node_modules/, cdk.out/, reports/ ...), relative to `root`, files only (a tracked
 * file deleted in the working tree is left out).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function repositoryFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  });
  return out.split('\0').filter((p) => p !== '' && existsSync(join(root, p)) && statSync(join(root, p)).isFile());
}
