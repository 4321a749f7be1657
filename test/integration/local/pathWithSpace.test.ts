/**
 * A checkout whose path holds a space (`~/My Projects/hashwatch`) or a non-ASCII letter
 * (`~/café/hashwatch`): a module URL writes them escaped (`%20`, `%C3%A9`), so code that takes a path
 * from URL text breaks there. The repository's files (git's list) are copied into such folders,
 * node_modules linked, and the real entry points run there through npm as a user types them
 * (`npm start -- --replay --cycles 1` with DynamoDB Local, `npm run backtest`, `npm run calc`), and the
 * architecture tests, which read the source tree from their own location.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isEntryPoint } from '../../../local/runCli';
import { repositoryFiles } from '../../support/repositoryFiles';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const FOLDERS = ['with space', 'café'];
let parent: string;

const checkout = (folder: string): string => join(parent, folder, 'hashwatch');

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'hashwatch-paths-'));
  const files = repositoryFiles(root);
  for (const folder of FOLDERS) {
    const copy = checkout(folder);
    for (const file of files) await cp(join(root, file), join(copy, file));
    await symlink(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    // A repository of its own (untracked files are the repository's files to the source checks).
    execFileSync('git', ['init', '-q'], { cwd: copy });
  }
});
afterAll(async () => {
  if (parent) await rm(parent, { recursive: true, force: true });
});

function run(cwd: string, command: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      HASHWATCH_COMPUTE_CONFIG: '',
      FORCE_COLOR: '0',
    },
    timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('a checkout in a path with a space', () => {
  it('recognises the entry point by path, not by URL text', () => {
    const file = join(parent, 'a b', 'cli.ts');
    expect(pathToFileURL(file).href).toContain('%20');
    expect(isEntryPoint(pathToFileURL(file).href, file)).toBe(true);
    expect(isEntryPoint(pathToFileURL(file).href, join(parent, 'a b', 'other.ts'))).toBe(false);
    expect(isEntryPoint(pathToFileURL(file).href, undefined)).toBe(false);
  });
});

describe.each(FOLDERS)('a checkout in .../%s/hashwatch', (folder) => {
  it('the folder name is one a URL escapes', () => {
    expect(pathToFileURL(checkout(folder)).href).not.toContain(folder);
  });

  it('npm start -- --replay --cycles 1 runs a whole cycle and stops', { timeout: 150_000 }, () => {
    const r = run(checkout(folder), 'npm', ['start', '--silent', '--', '--replay', '--cycles', '1']);
    expect(r.out).toContain('Backfill: complete');
    expect(r.out).toMatch(/Hashwatch status .* cycle 1 /);
    expect(r.out).toContain('Stopped.');
    expect(r.code, r.out).toBe(0);
    expect(existsSync(join(checkout(folder), '.local', 'events.jsonl'))).toBe(true);
  });

  it('npm run backtest prints the timeline and writes the report inside the checkout', { timeout: 60_000 }, () => {
    const args = ['run', '--silent', 'backtest', '--', '--from', '2022-06-01', '--to', '2022-08-31', '--no-progress'];
    const r = run(checkout(folder), 'npm', args);
    const report = join(checkout(folder), 'reports', 'backtest-2022-06-01-2022-08-31.html');
    expect(r.out).toContain('Timeline 2022-06-01 .. 2022-08-31');
    expect(r.out).toContain(`Report: ${report}`);
    expect(r.code, r.out).toBe(0);
    expect(existsSync(report)).toBe(true);
  });

  it('npm run calc prices an example', { timeout: 60_000 }, () => {
    const r = run(checkout(folder), 'npm', ['run', '--silent', 'calc', '--', 'examples/calc-s19xp.json']);
    expect(r.out).toMatch(/^Antminer S19 XP +1 +140\.0/m);
    expect(r.code, r.out).toBe(0);
  });

  it('the architecture tests pass', { timeout: 60_000 }, () => {
    const vitest = join(checkout(folder), 'node_modules', 'vitest', 'vitest.mjs');
    const r = run(checkout(folder), process.execPath, [vitest, 'run', 'test/unit/architecture']);
    expect(r.out).toMatch(/tests: \d+ passed, 0 failed/);
    expect(r.code, r.out).toBe(0);
  });
});
