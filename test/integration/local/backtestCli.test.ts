/**
 * `npm run backtest` as a user runs it (a child process): the timeline and summary on stdout, the
 * report file written; with --json only the event documents on stdout, one per line; a bad range
 * gets a plain message and exit code 2.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signalEventSchema } from '../../../shared/domain/signals';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function backtest(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'local/backtest/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HASHWATCH_COMPUTE_CONFIG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run backtest', () => {
  it('prints the timeline and the summary and writes the report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hashwatch-bt-'));
    dirs.push(dir);
    const out = join(dir, 'r.html');
    const r = backtest(['--from', '2022-06-01', '--to', '2022-08-31', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Timeline 2022-06-01 .. 2022-08-31');
    expect(r.stdout).toMatch(/^2022-06-\d\d {2}RAISED +warning +hash-ribbon-capitulation/m);
    expect(r.stdout).toContain('92 snapshots');
    expect(r.stdout).toContain('Episodes per signal');
    expect(r.stdout).toContain(`Report: ${out}`);
    expect(await readFile(out, 'utf8')).toContain('<svg');
  }, 60_000);

  it('--json prints only the event documents, one JSON line each', () => {
    const r = backtest(['--from', '2022-06-01', '--to', '2022-08-31', '--json', '--no-report']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThan(3);
    const events = lines.map((l) => signalEventSchema.parse(JSON.parse(l)));
    expect(events.map((e) => e.signal)).toContain('hash-ribbon-capitulation');
    expect(r.stderr).toContain('Episodes per signal');
  }, 60_000);

  it('refuses a reversed or malformed range with a plain message', () => {
    const reversed = backtest(['--from', '2024-01-01', '--to', '2023-01-01']);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('--from must not be after --to');
    const malformed = backtest(['--from', '2024-13-45', '--to', '2025-01-01']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/from: (expected YYYY-MM-DD|not a calendar date)/);
    const outside = backtest(['--from', '2030-01-01', '--to', '2031-01-01']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('the bundled history covers 2009-01-03 .. 2026-08-21');
  }, 60_000);
});
