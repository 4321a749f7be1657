import { describe, expect, it } from 'vitest';
import {
  efficiencyJPerTh,
  fleetDay,
  machineDay,
  type MachineSpec,
  type OperatingTerms,
} from '../../../shared/domain/machineEconomics';

// Manufacturer specs: Antminer S21 200 TH/s at 3,500 W (17.5 J/TH); S19 XP 141 TH/s at 3,031 W (21.5 J/TH).
const s21: MachineSpec = { hashrateThs: 200, powerWatts: 3500 };
const s19xp: MachineSpec = { hashrateThs: 141, powerWatts: 3031 };
const terms: OperatingTerms = {
  powerPriceUsdPerKwh: 0.05,
  poolFeeFraction: 0.02,
  uptimeFraction: 0.95,
  hostingOpexUsdPerDay: 1,
};
const market = { hashpriceUsdPerPhDay: 40, btcPriceUsd: 90_000 };

describe('machineDay', () => {
  it('an S21 at $40/PH/day, 5 c/kWh, 2% fee, 95% uptime, $1/day hosting matches hand arithmetic', () => {
    // Prepare (by hand):
    //   hashing 200 x 0.95 = 190 TH/s; revenue 0.040 $/TH/day x 190 x 0.98 = $7.448
    //   energy 3.5 kW x 24 h x 0.95 = 79.8 kWh -> $3.99; cost $4.99; profit $2.458
    //   break-even power 0.040 x 0.98 / (17.5 x 0.024) = 0.0392 / 0.42 = $0.09333/kWh
    //   break-even BTC price = 4.99 / (7.448 / 90,000) = $60,298.07; hashcost 4.99 / 190 x 1000 = $26.263/PH/day

    // Act
    const day = machineDay(s21, terms, market);

    // Assess
    expect(efficiencyJPerTh(s21)).toBe(17.5);
    expect(day.revenueUsdPerDay).toBeCloseTo(7.448, 9);
    expect(day.revenueBtcPerDay).toBeCloseTo(7.448 / 90_000, 12);
    expect(day.powerCostUsdPerDay).toBeCloseTo(3.99, 9);
    expect(day.hostingOpexUsdPerDay).toBe(1);
    expect(day.profitUsdPerDay).toBeCloseTo(2.458, 9);
    expect(day.marginFraction).toBeCloseTo(2.458 / 7.448, 9);
    expect(day.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(0.0392 / 0.42, 9);
    expect(day.breakEvenBtcPriceUsd).toBeCloseTo(60_298.07, 1);
    expect(day.hashcostUsdPerPhDay).toBeCloseTo(26.263, 3);
  });

  it('at its break-even power price a machine without hosting makes exactly zero', () => {
    const noHosting = { ...terms, hostingOpexUsdPerDay: 0 };
    const breakEven = machineDay(s19xp, noHosting, market).breakEvenPowerPriceUsdPerKwh;
    const day = machineDay(s19xp, { ...noHosting, powerPriceUsdPerKwh: breakEven }, market);
    expect(day.profitUsdPerDay).toBeCloseTo(0, 9);
  });

  it('a stopped machine (0% uptime) still pays hosting and has no break-even BTC price', () => {
    const day = machineDay(s21, { ...terms, uptimeFraction: 0 }, market);
    expect(day.revenueUsdPerDay).toBe(0);
    expect(day.profitUsdPerDay).toBe(-1);
    expect(day.marginFraction).toBe(0);
    expect(day.breakEvenBtcPriceUsd).toBe(Number.POSITIVE_INFINITY);
    expect(day.hashcostUsdPerPhDay).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('fleetDay', () => {
  it('10 S21 + 5 S19 XP sum their machines and report the fleet efficiency break-even', () => {
    // Prepare (by hand):
    //   hashrate 10 x 200 + 5 x 141 = 2,705 TH/s; power 35,000 + 15,155 = 50,155 W (18.5416 J/TH)
    //   revenue 0.040 x 2,705 x 0.95 x 0.98 = $100.7342; energy 50.155 kW x 24 x 0.95 = 1,143.534 kWh
    //   -> $57.1767; hosting $15; profit 100.7342 - 72.1767 = $28.5575
    //   break-even power 0.0392 / (18.54159 x 0.024) = $0.088090/kWh

    // Act
    const fleet = fleetDay(
      [
        { machine: s21, count: 10 },
        { machine: s19xp, count: 5 },
      ],
      terms,
      market,
    );

    // Assess
    expect(fleet.hashrateThs).toBe(2705);
    expect(fleet.powerWatts).toBe(50_155);
    expect(fleet.revenueUsdPerDay).toBeCloseTo(100.7342, 4);
    expect(fleet.powerCostUsdPerDay).toBeCloseTo(57.1767, 4);
    expect(fleet.hostingOpexUsdPerDay).toBe(15);
    expect(fleet.profitUsdPerDay).toBeCloseTo(28.5575, 4);
    expect(fleet.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(0.08809, 5);
    expect(fleet.hashcostUsdPerPhDay).toBeCloseTo((72.1767 / (2705 * 0.95)) * 1000, 3);
    expect(fleet.breakEvenBtcPriceUsd).toBeCloseTo((72.1767 / 100.7342) * 90_000, 0);
  });

  it('an empty fleet earns and costs nothing', () => {
    const fleet = fleetDay([], terms, market);
    expect(fleet).toMatchObject({ hashrateThs: 0, revenueUsdPerDay: 0, profitUsdPerDay: 0, marginFraction: 0 });
  });
});
