/**
 * The listed miners' monthly series (shared/data/publicMinersMonthly.json): the treasury events our
 * users' sources report are in it as published, every holding reconciles with the one before it or
 * says why not, and the data check names company, month and field for a bad row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFileErrorOf } from '../../support/dataFileErrors';
import publicMinersMonthlyJson from '../../../shared/data/publicMinersMonthly.json';
import {
  loadPublicMinersMonthly,
  parsePublicMinersMonthly,
  PUBLIC_MINERS_MONTHLY_FILE,
  treasuryPeriodOf,
} from '../../../shared/data/publicMinersMonthly';
import { reconcileHoldings } from '../../../shared/domain/minerTreasury/holdingsReconciliation';

type Figure = Record<string, unknown> & { value: number | null };
type Row = Record<string, unknown> & { ticker: string; month: string; btcHeldAtEnd: Figure };
const copy = (): { rows: Row[] } & Record<string, unknown> => structuredClone(publicMinersMonthlyJson) as never;
const rowIndexOf = (file: { rows: Row[] }, ticker: string, month: string) =>
  file.rows.findIndex((r) => r.ticker === ticker && r.month === month);

const file = loadPublicMinersMonthly();
const row = (ticker: string, month: string) => file.rows.find((r) => r.ticker === ticker && r.month === month)!;

describe('listed miners month by month (shared/data/publicMinersMonthly.json)', () => {
  it('covers the twelve tracked companies, each with at least one sourced row', () => {
    const tickers = file.companies.map((c) => c.ticker);
    expect(tickers.sort()).toEqual([
      'BITF',
      'BTDR',
      'CANG',
      'CIFR',
      'CLSK',
      'CORZ',
      'HIVE',
      'HUT',
      'IREN',
      'MARA',
      'RIOT',
      'WULF',
    ]);
    for (const ticker of tickers)
      expect(
        file.rows.some((r) => r.ticker === ticker),
        ticker,
      ).toBe(true);
  });

  it('carries the treasury events of the issue as the companies (or the press) published them', () => {
    // Riot, December 2025: sold 1,818 BTC, holdings 19,368 -> 18,005.
    expect([row('RIOT', '2025-11').btcHeldAtEnd.value, row('RIOT', '2025-12').btcSold.value]).toEqual([19_368, 1818]);
    expect(row('RIOT', '2025-12').btcHeldAtEnd.value).toBe(18_005);
    // Bitdeer: 1,155 sold in January 2026 against 668 mined; zero on 2026-02-20.
    expect([row('BTDR', '2026-01').btcSold.value, row('BTDR', '2026-01').btcProduced.value]).toEqual([1155, 668]);
    expect(row('BTDR', '2026-02').btcHeldAtEnd).toMatchObject({ value: 0, asOf: '2026-02-20' });
    // Core Scientific: 7,202 sold in June 2022; 2,385 (substantially all) in Q1 2026.
    expect(row('CORZ', '2022-06').btcSold.value).toBe(7202);
    expect(row('CORZ', '2026-03')).toMatchObject({ periodMonths: 3, btcSold: { value: 2385 } });
    // MARA: 53,822 at the end of 2025, 15,133 sold in Q1 2026.
    expect(row('MARA', '2025-12').btcHeldAtEnd.value).toBe(53_822);
    expect(row('MARA', '2026-03').btcSold.value).toBe(15_133);
  });

  it('dates and sources every figure, marks what it derived, and explains every figure not found', () => {
    for (const r of file.rows)
      for (const [field, figure] of Object.entries(r)) {
        if (figure === null || typeof figure !== 'object' || !('sourceDate' in figure)) continue;
        const at = `${r.ticker} ${r.month} ${field}`;
        expect(figure.source.length, at).toBeGreaterThan(20);
        if (figure.value === null) expect(figure.note?.length, at).toBeGreaterThan(10);
      }
    expect(row('WULF', '2025-09').aiHpcContractedMw?.derived).toBe('450 + 72.5');
  });

  it('reconciles the holdings that can be checked, and explains the gap of every one that does not', () => {
    const checks = reconcileHoldings(file.rows.map(treasuryPeriodOf));
    const reconciled = checks.filter((c) => c.status === 'reconciles').map((c) => `${c.ticker} ${c.month}`);
    expect(reconciled).toEqual(
      expect.arrayContaining([
        'RIOT 2022-07',
        'RIOT 2025-12',
        'CORZ 2022-06',
        'CORZ 2022-07',
        'CIFR 2024-01',
        'BITF 2024-06',
        'HIVE 2024-01',
        'CANG 2026-01',
      ]),
    );
    const gaps = checks.filter((c) => c.status === 'gap').map((c) => `${c.ticker} ${c.month}`);
    expect(gaps).toEqual([
      'MARA 2023-02',
      'MARA 2024-02',
      'RIOT 2022-09',
      'RIOT 2023-07',
      'RIOT 2023-12',
      'CORZ 2022-09',
      'BTDR 2026-01',
      'CIFR 2025-04',
      'CANG 2026-02',
      'CANG 2026-03',
    ]);
    // SOURCES.md lists every gap and every explained row, so the note cannot fall behind the data.
    const sources = readFileSync(new URL('../../../shared/data/SOURCES.md', import.meta.url), 'utf8');
    const listed = sources.slice(sources.indexOf('What does not reconcile, and why'));
    const explained = file.rows.filter((r) => r.reconciliationNote !== undefined).map((r) => `${r.ticker} ${r.month}`);
    for (const key of new Set([...gaps, ...explained])) {
      const [ticker, month] = key.split(' ');
      expect(listed, key).toMatch(new RegExp(`\\| ${ticker} \\| [^|]*${month}`));
    }
    expect(row('BTDR', '2026-01').reconciliationNote).toMatch(/1,513.*1,530/);
  });

  it('fails on a holding that does not reconcile, naming the company, the month and the field', () => {
    const broken = copy();
    const i = rowIndexOf(broken, 'RIOT', '2022-07');
    broken.rows[i]!.btcHeldAtEnd.value = 6796; // 100 BTC more than 6,654 + 318 - 275
    const message = dataFileErrorOf(() => parsePublicMinersMonthly(broken));
    expect(message).toContain(PUBLIC_MINERS_MONTHLY_FILE);
    expect(message).toContain(
      `rows[${i}] (RIOT).btcHeldAtEnd.value: RIOT 2022-07: holding 6796 BTC does not reconcile`,
    );
    // The explained gap is accepted only while its note is there.
    const unexplained = copy();
    const b = rowIndexOf(unexplained, 'BTDR', '2026-01');
    delete unexplained.rows[b]!.reconciliationNote;
    expect(dataFileErrorOf(() => parsePublicMinersMonthly(unexplained))).toContain(
      `rows[${b}] (BTDR).btcHeldAtEnd.value: BTDR 2026-01`,
    );
  });

  it('fails on a negative holding, a source without a date and a null without a note, by field', () => {
    const bad = copy();
    const i = rowIndexOf(bad, 'CORZ', '2022-07');
    bad.rows[i]!.btcHeldAtEnd.value = -5;
    delete (bad.rows[i]!.btcSold as Figure).sourceDate;
    (bad.rows[i]!.btcProduced as Figure) = { ...(bad.rows[i]!.btcProduced as Figure), value: null };
    const message = dataFileErrorOf(() => parsePublicMinersMonthly(bad));
    expect(message).toContain(`rows[${i}] (CORZ).btcHeldAtEnd.value`);
    expect(message).toContain(`rows[${i}] (CORZ).btcSold.sourceDate`);
    expect(message).toContain(`rows[${i}] (CORZ).btcProduced.note`);
  });

  it('fails on sats entered as BTC and TH/s entered as EH/s', () => {
    const bad = copy();
    const i = rowIndexOf(bad, 'RIOT', '2025-09');
    bad.rows[i]!.btcHeldAtEnd.value = 19_287 * 1e8;
    (bad.rows[i]!.operatingHashrateEhs as Figure).value = 32.2e6;
    const j = rowIndexOf(bad, 'HUT', '2022-04');
    (bad.rows[j]!.btcProduced as Figure).value = 45_000; // more than the network issued that month
    const message = dataFileErrorOf(() => parsePublicMinersMonthly(bad));
    expect(message).toMatch(new RegExp(`rows\\[${i}\\] \\(RIOT\\)\\.btcHeldAtEnd\\.value: .*sats`));
    expect(message).toMatch(new RegExp(`rows\\[${i}\\] \\(RIOT\\)\\.operatingHashrateEhs\\.value: .*TH/s`));
    expect(message).toMatch(new RegExp(`rows\\[${j}\\] \\(HUT\\)\\.btcProduced\\.value: HUT 2022-04: .*sats`));
  });

  it('fails on a misspelt month by row and field, not with an error naming no row', () => {
    const bad = copy();
    const i = rowIndexOf(bad, 'CLSK', '2025-09');
    bad.rows[i]!.month = '2025-9';
    const message = dataFileErrorOf(() => parsePublicMinersMonthly(bad));
    expect(message).toContain(`rows[${i}] (CLSK).month: expected a month YYYY-MM`);
  });

  it('fails on overlapping periods and on a source dated before its period', () => {
    const bad = copy();
    const i = rowIndexOf(bad, 'MARA', '2025-12');
    bad.rows[i]!.month = '2025-09'; // now the same quarter as the row before it
    const j = rowIndexOf(bad, 'HIVE', '2024-01');
    (bad.rows[j]!.btcProduced as Figure).sourceDate = '2023-12-20';
    const message = dataFileErrorOf(() => parsePublicMinersMonthly(bad));
    expect(message).toContain(`rows[${i}] (MARA).month: MARA 2025-09: out of order or overlapping`);
    expect(message).toContain(`rows[${j}] (HIVE).btcProduced.sourceDate: HIVE 2024-01: source dated 2023-12-20`);
  });
});
