/**
 * `npm run miners`: the table on a given day (the events' figures, the estimated production marked,
 * stale companies named) and `check`, the add-a-month routine, refusing a bad month naming it.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../local/miners/cli';
import { REPO_ROOT } from '../../support/importGraph';

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(...line.split('\n')));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(...line.split('\n')));
});
afterEach(() => vi.restoreAllMocks());

describe('npm run miners', () => {
  it('shows the latest public period of each company on a day, with the age of its newest month', async () => {
    expect(await main(['--date', '2026-05-20'])).toBe(0);
    const row = (ticker: string) =>
      out
        .find((l) => l.startsWith(ticker.padEnd(6)))!
        .split('|')
        .map((c) => c.trim());
    expect(row('MARA')).toEqual([
      'MARA',
      '2026-03',
      '3',
      '2,151*',
      '15,133',
      '38,689',
      '704%',
      '-28.1%',
      '50 days (stale)',
    ]);
    expect(row('RIOT').slice(0, 7)).toEqual(['RIOT', '2025-12', '1', '460', '1,818', '18,005', '395%']);
    expect(row('BTDR')).toEqual(['BTDR', '2026-03', '1', '-', '-', '31', '-', '-98.5%', '50 days (stale)']);
    expect(out.at(-1)).toMatch(/^warning: newest month more than 45 days old for .*MARA/);
  });

  it('check accepts the bundled file and refuses a month that does not reconcile, naming company, month and field', async () => {
    expect(await main(['check'])).toBe(0);
    expect(out[0]).toMatch(
      /publicMinersMonthly\.json: \d+ periods of 12 companies: schema, units, sources and reconciliation OK/,
    );
    const raw = JSON.parse(await readFile(join(REPO_ROOT, 'shared/data/publicMinersMonthly.json'), 'utf8')) as {
      rows: Array<{ ticker: string; month: string; btcHeldAtEnd: { value: number | null } }>;
    };
    const riot = raw.rows.find((r) => r.ticker === 'RIOT' && r.month === '2025-12')!;
    riot.btcHeldAtEnd.value = 25_000; // does not follow from November's holding and December's flows
    const dir = await mkdtemp(join(tmpdir(), 'hw-miners-'));
    const file = join(dir, 'publicMinersMonthly.json');
    await writeFile(file, JSON.stringify(raw));
    expect(await main(['check', file])).toBe(1);
    expect(err.join('\n')).toMatch(/RIOT.*2025-12.*btcHeldAtEnd|btcHeldAtEnd.*RIOT.*2025-12/);
  });

  it('refuses a bad date and an unknown command', async () => {
    expect(await main(['--date', '2026-5-20'])).toBe(2);
    expect(await main(['add'])).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command add/);
  });
});
