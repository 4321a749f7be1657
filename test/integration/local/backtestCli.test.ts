/**
 * `npm run backtest` as a user runs it (a child process): the timeline and summary on stdout, the
 * report file written; with --json only the event documents on stdout, one per line; a bad range
 * gets a plain message and exit code 2.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signalEventSchema } from '../../../shared/domain/signals';
import { HELP } from '../../../local/backtest/cli';

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
    // The help says so: the summary goes to stderr, the timeline nowhere (a review found the help
    // saying the timeline went to stderr).
    expect(r.stderr).not.toContain('Timeline ');
    expect(r.stderr).not.toMatch(/^\d{4}-\d{2}-\d{2} {2}/m);
    expect(HELP).toContain('in place of the timeline (no timeline is printed); the summary and the');
  }, 60_000);

  it('--csv writes the daily series: a header with the public columns, then one row per day', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hashwatch-bt-'));
    dirs.push(dir);
    const csv = join(dir, 'nested', 'days.csv');
    const r = backtest(['--from', '2022-11-01', '--to', '2022-11-30', '--csv', csv, '--no-report']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`CSV: ${csv} (30 days)`);
    const lines = (await readFile(csv, 'utf8')).trimEnd().split('\n');
    const header = lines[0]!.split(',');
    // The public columns, as a user's spreadsheet sees the header.
    expect(lines[0]).toMatch(
      /^date,hashpriceUsdPerPhDay,hashrateEhs,difficulty,btcPriceUsd,fleetShareNegativePct,hashrateAtRiskEhs(,|$)/,
    );
    expect(lines).toHaveLength(31);
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    expect(rows.map((row) => row.date)).toEqual(
      Array.from({ length: 30 }, (_, i) => `2022-11-${String(i + 1).padStart(2, '0')}`),
    );
    // 2022-11-21, the all-time low after FTX: about $55/PH/day (Hashrate Index), BTC about $15.8k.
    const low = rows.find((row) => row.date === '2022-11-21')!;
    expect(Number(low.hashpriceUsdPerPhDay)).toBeGreaterThan(53);
    expect(Number(low.hashpriceUsdPerPhDay)).toBeLessThan(58);
    expect(Number(low.btcPriceUsd)).toBeGreaterThan(15_000);
    expect(Number(low.btcPriceUsd)).toBeLessThan(16_500);
    expect(Number(low.hashrateEhs)).toBeGreaterThan(150);
    expect(Number(low.difficulty)).toBeGreaterThan(3e13);
    // The at-risk hashrate is the share of the day's hashrate.
    for (const row of rows) {
      const share = Number(row.fleetShareNegativePct);
      expect(share).toBeGreaterThanOrEqual(0);
      expect(Number(row.hashrateAtRiskEhs)).toBeCloseTo((share / 100) * Number(row.hashrateEhs), 2);
      // The band across the power-price cases holds the central share.
      expect(Number(row.fleetShareNegativeLowPct)).toBeLessThanOrEqual(share);
      expect(Number(row.fleetShareNegativeHighPct)).toBeGreaterThanOrEqual(share);
    }
    // 2022-11-21: 36.6 % central, band 9.2-57.1 % (each case its own fleet model run).
    expect(Number(low.fleetShareNegativeLowPct)).toBeCloseTo(9.2, 0);
    expect(Number(low.fleetShareNegativeHighPct)).toBeCloseTo(57.1, 0);
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
    expect(outside.stderr).toContain('after the end of the bundled history (2009-01-03 .. 2026-08-21)');
    const before = backtest(['--from', '2001-01-01', '--to', '2002-01-01']);
    expect(before.code).toBe(2);
    expect(before.stderr).toContain('the bundled history covers 2009-01-03 .. 2026-08-21');
  }, 60_000);

  it('refuses a --from after the end of the history (the default --to is later still) in one line, no stack', () => {
    const r = backtest(['--from', '2026-09-01', '--no-report']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'backtest: --from 2026-09-01 is after the end of the bundled history (2009-01-03 .. 2026-08-21); give a --from on or before 2026-08-21; see npm run backtest -- --help',
    ]);
  });

  it('refuses a bad compute config and an unknown option in one line, no stack trace', () => {
    const config = spawnSync(process.execPath, ['--import', 'tsx', 'local/backtest/cli.ts', '--no-report'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, HASHWATCH_COMPUTE_CONFIG: '{"fleet":[]}' },
    });
    expect(config.status).toBe(2);
    expect(config.stderr.trim()).toBe('backtest: invalid compute config: fleet: unknown field; did you mean "fleets"?');
    const option = backtest(['--frm', '2022-01-01']);
    expect(option.code).toBe(2);
    expect(option.stderr.trim().split('\n')).toHaveLength(1);
    expect(option.stderr).toContain("'--frm'");
  });

  it('--help lists the options, the environment and examples', () => {
    const r = backtest(['--help']);
    expect(r.code).toBe(0);
    for (const part of [
      'Options:',
      '--from YYYY-MM-DD',
      '--json',
      '--out FILE.html',
      'Environment:',
      'HASHWATCH_COMPUTE_CONFIG',
      'Examples:',
    ]) {
      expect(r.stdout).toContain(part);
    }
  });

  it("the docs' redirects of npm output use --silent, and the README's JSON-lines command writes only JSON", async () => {
    const docs = [
      join(root, 'README.md'),
      ...readdirSync(join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => join(root, 'docs', f)),
    ];
    const redirects = docs.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /^\s*(npm run|npm start)\b.*(\s>\s|\|)/.test(line)),
    );
    expect(redirects.length).toBeGreaterThan(0);
    for (const line of redirects) expect(line, line).toMatch(/npm (run|start) --silent\b|npm (run|start) -s\b/);
    const jsonl = redirects.find((l) => l.includes('backtest') && l.includes('> events.jsonl'))!;
    const dir = await mkdtemp(join(tmpdir(), 'hashwatch-bt-'));
    dirs.push(dir);
    const run = spawnSync(
      'bash',
      ['-c', `cd "${root}" && ${jsonl.replace('> events.jsonl', `> "${join(dir, 'events.jsonl')}"`)} --no-report`],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
          HASHWATCH_COMPUTE_CONFIG: '',
        },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = (await readFile(join(dir, 'events.jsonl'), 'utf8')).split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) signalEventSchema.parse(JSON.parse(line));
  }, 60_000);
});
