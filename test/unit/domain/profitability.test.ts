import { describe, expect, it } from 'vitest';
import { loadFleetMix } from '../../../shared/data/fleetMix';
import { loadMachineCatalog } from '../../../shared/data/machineCatalog';
import { loadPowerPrices } from '../../../shared/data/powerPrices';
import { fleetShareNegative } from '../../../shared/domain/fleetShare';
import {
  ownerFleetSchema,
  computeProfitability,
  type OwnerFleet,
  type SnapshotMarket,
} from '../../../shared/domain/profitability';

const catalog = loadMachineCatalog();
const fleetMix = loadFleetMix();
const powerPrices = loadPowerPrices();

// docs/design.md §3 check: D = 148.2e12, price 74,500, reward 3.15 BTC -> about $31.85/PH/day.
const market: SnapshotMarket = {
  btcPriceUsd: 74_500,
  difficulty: 148.2e12,
  subsidyBtc: 3.125,
  feesBtcPerBlock: 0.025,
  networkHashrateHps: (148.2e12 * 2 ** 32) / 600,
};
// Independent arithmetic: blocks a PH/s finds in a day x reward x price.
const handBtcPerPhDay = ((86_400 * 1e15) / (148.2e12 * 4_294_967_296)) * 3.15;
const handUsdPerPhDay = handBtcPerPhDay * 74_500;

const s19xp = { hashrateThs: 140, powerWatts: 3010 };
const s9 = { hashrateThs: 13.5, powerWatts: 1323 };
const xpFleet: OwnerFleet = {
  name: 'Texas S19 XP',
  lines: [{ machine: s19xp, count: 100 }],
  terms: { powerPriceUsdPerKwh: 0.05, poolFeeFraction: 0.02, uptimeFraction: 0.95, hostingOpexUsdPerDay: 0.3 },
  capexUsd: 1_200_000,
  usefulLifeDays: 1095,
  overheadUsdPerDay: 200,
};

const snapshot = (ownerFleets: readonly OwnerFleet[] = [xpFleet], poolFeeFraction = 0.02) =>
  computeProfitability({ market, catalog, fleetMix, powerPrices, ownerFleets, poolFeeFraction });

describe('profitability snapshot', () => {
  it('prices the network at the docs/design.md §3 check hashprice of about $31.85/PH/day', () => {
    const { hashprice } = snapshot();
    expect(handUsdPerPhDay).toBeCloseTo(31.85, 1);
    expect(hashprice.usdPerPhDay).toBeCloseTo(handUsdPerPhDay, 9);
    expect(hashprice.btcPerPhDay).toBeCloseTo(handBtcPerPhDay, 15);
  });

  it('gives every catalog machine its break-even power price', () => {
    const { machines } = snapshot();
    expect(machines).toHaveLength(catalog.machines.length);
    const byModel = new Map(machines.map((m) => [m.model, m]));
    // S19 XP: 3010 W / 140 TH = 21.5 J/TH -> 31.85/1000 x 0.98 / (21.5 x 0.024) = about 6.05 c/kWh.
    expect(byModel.get('Antminer S19 XP')?.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(
      ((handUsdPerPhDay / 1000) * 0.98) / (21.5 * 0.024),
      12,
    );
    expect(byModel.get('Antminer S19 XP')?.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(0.0605, 3);
    // S9: 1323 / 13.5 = 98 J/TH -> about 1.33 c/kWh.
    expect(byModel.get('Antminer S9')?.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(
      ((handUsdPerPhDay / 1000) * 0.98) / (98 * 0.024),
      12,
    );
    // Newer machines break even at higher power prices.
    expect(byModel.get('Antminer S21 XP')!.breakEvenPowerPriceUsdPerKwh).toBeGreaterThan(
      byModel.get('Antminer S19 XP')!.breakEvenPowerPriceUsdPerKwh,
    );
  });

  it('carries the global fleet share negative at the snapshot hashprice', () => {
    const { fleetShare } = snapshot();
    const direct = fleetShareNegative({
      hashpriceUsdPerPhDay: handUsdPerPhDay,
      networkHashrateHps: market.networkHashrateHps,
      fleetMix,
      powerPrices,
      poolFeeFraction: 0.02,
    });
    expect(fleetShare.shareNegativeFraction).toBeCloseTo(direct.shareNegativeFraction, 12);
    expect(fleetShare.hashrateAtRiskHps).toBeLessThan(market.networkHashrateHps);
  });

  it("prices an owner fleet's day and cost per BTC as hand arithmetic does", () => {
    const [result] = snapshot().ownerFleets;
    // 100 machines x 140 TH/s x 95% uptime x 98% after pool fee, at the hashprice per TH/s.
    const revenueUsd = (handUsdPerPhDay / 1000) * 140 * 0.95 * 0.98 * 100;
    const revenueBtc = revenueUsd / 74_500;
    // 3010 W x 24 h = 72.24 kWh a day, x 95% x $0.05 x 100 machines = $343.14.
    const powerUsd = 343.14;
    const hostingUsd = 30;
    const depreciationUsd = 1_200_000 / 1095;
    expect(result?.name).toBe('Texas S19 XP');
    expect(result?.day.revenueUsdPerDay).toBeCloseTo(revenueUsd, 9);
    expect(result?.day.revenueBtcPerDay).toBeCloseTo(revenueBtc, 12);
    expect(result?.day.powerCostUsdPerDay).toBeCloseTo(powerUsd, 9);
    expect(result?.day.profitUsdPerDay).toBeCloseTo(revenueUsd - powerUsd - hostingUsd, 9);
    expect(result?.costPerBtc.energyUsdPerBtc).toBeCloseTo(powerUsd / revenueBtc, 6);
    expect(result?.costPerBtc.cashUsdPerBtc).toBeCloseTo((powerUsd + hostingUsd) / revenueBtc, 6);
    expect(result?.costPerBtc.allInUsdPerBtc).toBeCloseTo(
      (powerUsd + hostingUsd + depreciationUsd + 200) / revenueBtc,
      6,
    );
    // ~$415 a day of revenue: the fleet covers power (~$61.6k/BTC against a $74.5k price) but
    // not its depreciation: all-in ~$299.5k/BTC.
    expect(result!.costPerBtc.energyUsdPerBtc).toBeCloseTo(61_580, -2);
    expect(result!.costPerBtc.allInUsdPerBtc).toBeCloseTo(299_530, -2);
  });

  it('keeps owner fleets in order and mixes machine lines', () => {
    const mixed: OwnerFleet = {
      ...xpFleet,
      name: 'mixed',
      lines: [
        { machine: s19xp, count: 10 },
        { machine: s9, count: 20 },
      ],
    };
    const results = snapshot([xpFleet, mixed]).ownerFleets;
    expect(results.map((r) => r.name)).toEqual(['Texas S19 XP', 'mixed']);
    // 10 x 140 + 20 x 13.5 = 1670 TH/s; 10 x 3010 + 20 x 1323 = 56,560 W.
    expect(results[1]?.day.hashrateThs).toBe(1670);
    expect(results[1]?.day.powerWatts).toBe(56_560);
  });

  it('gives an idle fleet an infinite cost per BTC rather than a division error', () => {
    const idle: OwnerFleet = { ...xpFleet, name: 'idle', lines: [{ machine: s19xp, count: 0 }] };
    const [result] = snapshot([idle]).ownerFleets;
    expect(result?.day.revenueBtcPerDay).toBe(0);
    expect(result?.costPerBtc.allInUsdPerBtc).toBe(Number.POSITIVE_INFINITY);
  });

  it('validates an owner fleet config, naming the bad field', () => {
    const bad = {
      ...xpFleet,
      lines: [{ machine: s19xp, count: -1 }],
      terms: { ...xpFleet.terms, uptimeFraction: 1.5 },
    };
    const result = ownerFleetSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['lines.0.count', 'terms.uptimeFraction']));
    expect(ownerFleetSchema.safeParse(xpFleet).success).toBe(true);
  });
});
