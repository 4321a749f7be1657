/**
 * A checkout whose path holds a space (`~/My Projects/hashwatch`): the CLIs must still recognise
 * themselves as the entry point (a module URL writes the space as `%20`). The project's sources are
 * copied into a temporary folder named with a space, node_modules linked, and each CLI's --help
 * run there through npm, as a user types it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isEntryPoint } from '../../../local/runCli';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let parent: string;
let copy: string;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'hashwatch space-'));
  copy = join(parent, 'my hashwatch');
  for (const entry of ['package.json', 'tsconfig.json', 'local', 'shared', 'functions']) {
    await cp(join(root, entry), join(copy, entry), { recursive: true });
  }
  await symlink(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
afterAll(async () => {
  if (parent) await rm(parent, { recursive: true, force: true });
});

function npm(args: string[]): { code: number | null; out: string } {
  const r = spawnSync('npm', args, {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
    timeout: 50_000,
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

  it.each([
    [['start', '--silent', '--', '--help'], /^usage: npm start/m],
    [['run', '--silent', 'backtest', '--', '--help'], /^usage: npm run backtest/m],
    [['run', '--silent', 'calc', '--', '--help'], /^usage: npm run --silent calc/m],
  ])('npm %j prints the help and exits 0', { timeout: 60_000 }, (args, usage) => {
    const r = npm(args);
    expect(r.out).toMatch(usage);
    expect(r.code, r.out).toBe(0);
  });
});
