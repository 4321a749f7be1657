/**
 * The CLI's table (shared/calculator/table.ts): it fits 120 columns by default and names what
 * --wide adds, TH/s is labelled per machine or total, there is a BTC per day column, and the
 * scenario totals include hosting and add up as printed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calculate, type CalculatorDeps } from '../../../shared/calculator/calculate';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { isCalculatorError } from '../../../shared/calculator/errors';
import type { CalculatorResponse } from '../../../shared/calculator/price';
import {
  renderResponse,
  renderTable,
  scenarioTotalsLine,
  wrapLine,
  type Column,
} from '../../../shared/calculator/table';

const deps: CalculatorDeps = { lookupModel: catalogModelLookup(), now: () => new Date('2026-11-25T18:30:00Z') };

async function answer(file: string): Promise<CalculatorResponse> {
  const result = await calculate(
    JSON.parse(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8')),
    deps,
  );
  if (isCalculatorError(result)) throw new Error(JSON.stringify(result));
  return result;
}

const widest = (text: string): number => Math.max(...text.split('\n').map((l) => l.length));

describe('calculator table', () => {
  it.each(['calc-s19xp.json', 'calc-fleet.json', 'calc-scenario.json'])(
    '%s fits 120 columns; --wide shows every column',
    async (file) => {
      const r = await answer(file);
      const narrow = renderResponse(r);
      expect(widest(narrow)).toBeLessThanOrEqual(120);
      const wide = renderResponse(r, { wide: true });
      for (const header of ['each', 'BTC $', '$/PH/day', 'payback', 'margin']) expect(wide).toContain(header);
      expect(wide).not.toContain('--wide adds');
    },
  );

  it('labels TH/s as the line total (count x per machine), with BTC per day, and adds the fleet up', async () => {
    const r = await answer('calc-fleet.json');
    const lines = renderResponse(r).split('\n');
    const header = lines.findIndex((l) => l.startsWith('machine'));
    expect(lines[header]).toMatch(/TH\/s +J\/TH +BTC +revenue +power +hosting +profit/);
    expect(lines[header + 1]).toMatch(/total +per day +\$\/day +\$\/day +\$\/day +\$\/day/);
    const s19 = lines.find((l) => l.startsWith('Antminer S19 XP'))!;
    const line = r.machines.find((m) => m.model === 'Antminer S19 XP')!;
    expect(s19).toContain((line.hashrateThs * line.count).toLocaleString('en-US', { minimumFractionDigits: 1 }));
    expect(s19).toContain(line.line.revenueBtcPerDay!.toFixed(6));
    const fleet = lines.find((l) => l.startsWith('Fleet '))!;
    expect(fleet).toContain(r.fleet.hashrateThs.toLocaleString('en-US', { minimumFractionDigits: 1 }));
    expect(lines.find((l) => l.startsWith('(--wide adds: '))).toBeDefined();
  });

  it('scenario totals include hosting and add up as printed', async () => {
    const r = await answer('calc-scenario.json');
    const total = renderResponse(r)
      .split('\n')
      .find((l) => l.startsWith('Total '))!;
    const [revenue, power, hosting, profit] = [...total.matchAll(/(-?)\$([\d,]+)/g)].map(
      (m) => (m[1] === '-' ? -1 : 1) * Number(m[2]!.replace(/,/g, '')),
    );
    expect(hosting).toBeGreaterThan(0);
    expect(revenue! - power! - hosting!).toBe(profit);
    expect(Math.abs(profit! - r.scenario!.totals.profitUsd)).toBeLessThanOrEqual(1.5);
    expect(scenarioTotalsLine({ revenueUsd: 10.4, powerCostUsd: 3.4, hostingOpexUsd: 2.4, profitUsd: 4.6 })).toBe(
      'revenue $10 - power $3 - hosting $2 = profit $5',
    );
  });

  it('drops the lowest-priority columns first when the width is short, and says which', () => {
    const columns: Column<number>[] = [
      { header: ['a', ''], cell: (n) => `${n}`.repeat(10), align: 'left', priority: Infinity },
      { header: ['b', ''], cell: () => 'x'.repeat(10), align: 'right', priority: 5 },
      { header: ['c', 'unit'], cell: () => 'y'.repeat(10), align: 'right', priority: 1 },
    ];
    const { text, hidden } = renderTable(columns, [1, 2], { maxWidth: 25 });
    expect(hidden).toEqual(['c unit']);
    expect(widest(text)).toBeLessThanOrEqual(25);
    expect(renderTable(columns, [1], { maxWidth: 25, wide: true }).hidden).toEqual([]);
  });

  it('wraps a long description line after a comma, indented', () => {
    const wrapped = wrapLine(`Market    ${Array.from({ length: 12 }, (_, i) => `figure ${i} (request)`).join(', ')}`);
    const lines = wrapped.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(widest(wrapped)).toBeLessThanOrEqual(120);
    expect(lines[0]).toMatch(/,$/);
    expect(lines[1]).toMatch(/^ {10}figure/);
  });
});
