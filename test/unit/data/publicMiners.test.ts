import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../../shared/data/dataFile';
import { loadPublicMiners, parsePublicMiners, PUBLIC_MINERS_FILE } from '../../../shared/data/publicMiners';
import publicMinersJson from '../../../shared/data/publicMiners.json';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataFileError) return error.message;
    throw error;
  }
  throw new Error('expected a DataFileError');
};
type Editable = { miners: Record<string, unknown>[] } & Record<string, unknown>;
const copy = (): Editable => JSON.parse(JSON.stringify(publicMinersJson));

describe('public miners (shared/data/publicMiners.json)', () => {
  it('covers RIOT, CLSK, IREN, CIFR, WULF, BITF, MARA and CORZ', () => {
    expect(
      loadPublicMiners()
        .miners.map((m) => m.ticker)
        .sort(),
    ).toEqual(['BITF', 'CIFR', 'CLSK', 'CORZ', 'IREN', 'MARA', 'RIOT', 'WULF']);
  });

  it('dates every figure mid-2025 or later and explains every figure not reported', () => {
    for (const miner of loadPublicMiners().miners) {
      for (const figure of [
        miner.operationalHashrateEhs,
        miner.fleetEfficiencyJPerTh,
        miner.powerPriceUsdPerKwh,
        miner.btcHeld,
      ]) {
        expect(figure.sourceDate >= '2025-08-01', `${miner.ticker}: ${figure.source}`).toBe(true);
        if (figure.value === null) expect(figure.note?.length, miner.ticker).toBeGreaterThan(10);
      }
      for (const action of miner.treasuryActions) expect(action.sourceDate >= '2025-05-01', miner.ticker).toBe(true);
    }
  });

  it('carries the figures as the companies published them', () => {
    const byTicker = new Map(loadPublicMiners().miners.map((m) => [m.ticker, m]));
    // Riot, September 2025 update: 20.5 J/TH, 4.2 c/kWh all-in, 19,287 BTC held.
    expect(byTicker.get('RIOT')?.fleetEfficiencyJPerTh.value).toBe(20.5);
    expect(byTicker.get('RIOT')?.powerPriceUsdPerKwh.value).toBe(0.042);
    expect(byTicker.get('RIOT')?.btcHeld.value).toBe(19_287);
    // MARA, Q3 2025 shareholder letter: 60.4 EH/s energized, 52,850 BTC, holds and buys.
    expect(byTicker.get('MARA')?.operationalHashrateEhs.value).toBe(60.4);
    expect(byTicker.get('MARA')?.treasuryPolicy.stance).toBe('hold');
    expect(byTicker.get('CORZ')?.treasuryPolicy.stance).toBe('sell');
  });

  it('rejects a null figure without a note, naming the file, the miner and the field', () => {
    const file = copy();
    const row = file.miners.findIndex((m) => m.ticker === 'RIOT');
    file.miners[row]!.fleetEfficiencyJPerTh = { value: null, source: 'Riot update', sourceDate: '2025-10-03' };
    const message = messageOf(() => parsePublicMiners(file));
    expect(message).toContain(PUBLIC_MINERS_FILE);
    expect(message).toContain(`miners[${row}] (RIOT).fleetEfficiencyJPerTh.note`);
  });

  it('rejects a power price in cents instead of dollars and a missing source', () => {
    const file = copy();
    file.miners[0]!.powerPriceUsdPerKwh = { value: 4.2, source: 'Riot update', sourceDate: '2025-10-03' };
    file.miners[1]!.treasuryPolicy = { stance: 'partial-sell', description: 'x', sourceDate: '2025-11-26' };
    const message = messageOf(() => parsePublicMiners(file));
    expect(message).toContain('miners[0] (RIOT).powerPriceUsdPerKwh.value');
    expect(message).toContain('miners[1] (CLSK).treasuryPolicy.source');
  });

  it('rejects a duplicate ticker', () => {
    const file = copy();
    file.miners[2]!.ticker = 'RIOT';
    expect(messageOf(() => parsePublicMiners(file))).toMatch(/miners\[2\] \(RIOT\)\.ticker: duplicate ticker RIOT/);
  });
});
