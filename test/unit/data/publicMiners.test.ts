import { describe, expect, it } from 'vitest';
import { dataFileErrorOf } from '../../support/dataFileErrors';
import { loadPublicMiners, parsePublicMiners, PUBLIC_MINERS_FILE } from '../../../shared/data/publicMiners';
import publicMinersJson from '../../../shared/data/publicMiners.json';

const messageOf = dataFileErrorOf;
type Editable = { miners: Record<string, unknown>[] } & Record<string, unknown>;
const copy = (): Editable => JSON.parse(JSON.stringify(publicMinersJson));

describe('public miners (shared/data/publicMiners.json)', () => {
  it('covers RIOT, CLSK, IREN, CIFR, WULF, BITF, MARA, CORZ and BTDR', () => {
    expect(
      loadPublicMiners()
        .miners.map((m) => m.ticker)
        .sort(),
    ).toEqual(['BITF', 'BTDR', 'CIFR', 'CLSK', 'CORZ', 'IREN', 'MARA', 'RIOT', 'WULF']);
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
    // Riot, September 2025 update: 20.5 J/TH, 4.2 c/kWh all-in; 18,005 BTC held at 2025-12-31 after
    // selling 383 BTC in November and 1,818 BTC ($161.6M) in December.
    const riot = byTicker.get('RIOT')!;
    expect(riot.fleetEfficiencyJPerTh.value).toBe(20.5);
    expect(riot.powerPriceUsdPerKwh.value).toBe(0.042);
    expect([riot.btcHeld.value, riot.btcHeld.asOf]).toEqual([18_005, '2025-12-31']);
    expect(riot.treasuryActions.filter((a) => a.date >= '2025-11-01').map((a) => [a.date, a.btc])).toEqual([
      ['2025-11-30', 383],
      ['2025-12-31', 1818],
    ]);
    expect(riot.treasuryActions.find((a) => a.btc === 1818)!.description).toContain('$161.6M');
    // CleanSpark's monthly update: 16.07 J/TH. IREN's August 2025 net electricity cost ($38,791 per
    // bitcoin, $25.9M at 44 EH/s and 15 J/TH) is about 5.3 c/kWh, not the 3.5 c a preview quoted.
    expect(byTicker.get('CLSK')!.fleetEfficiencyJPerTh.value).toBe(16.07);
    expect(byTicker.get('IREN')!.powerPriceUsdPerKwh.value).toBe(0.053);
    // 44 EH/s = 44e6 TH/s at 15 W per TH/s for the 744 hours of August, in kWh:
    expect(25.9e6 / ((44.0e6 * 15 * 24 * 31) / 1000)).toBeCloseTo(0.0527, 3);
    // Core Scientific: January's ~1,900 BTC is part of the Q1 2026 total of 2,385, never added to it.
    const corz = byTicker.get('CORZ')!;
    const q1 = corz.treasuryActions.filter((a) => a.date >= '2026-01-01' && a.date <= '2026-03-31');
    expect(q1.reduce((sum, a) => sum + (a.btc ?? 0), 0)).toBe(2385);
    expect(corz.btcHeld.note).toContain('substantially all');
    // Bitdeer: corporate treasury at zero on 2026-02-20.
    const btdr = byTicker.get('BTDR')!;
    expect([btdr.btcHeld.value, btdr.btcHeld.asOf]).toEqual([0, '2026-02-20']);
    expect(btdr.treasuryActions.at(-1)).toMatchObject({ date: '2026-02-20', action: 'sold', btc: 1132.9 });
    // MARA: 60.4 EH/s energized (Q3 2025 letter); 53,822 BTC at the end of 2025 and, from 2026, a
    // policy that allows selling held bitcoin: 15,133 BTC sold in Q1 2026.
    const mara = byTicker.get('MARA')!;
    expect(mara.operationalHashrateEhs.value).toBe(60.4);
    expect([mara.btcHeld.value, mara.btcHeld.asOf]).toEqual([53_822, '2025-12-31']);
    expect(mara.treasuryPolicy.stance).toBe('sell');
    expect(mara.treasuryActions.at(-1)).toMatchObject({ date: '2026-03-31', action: 'sold', btc: 15_133 });
    // Bitdeer's January: 1,900.9 + 668 - 1,155 is 1,413.9, not the ~1,530 reported; the row says so.
    expect(btdr.treasuryActions.find((a) => a.btc === 1155)!.description).toContain('do not reconcile');
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
