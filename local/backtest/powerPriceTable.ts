/**
 * The docs' tables of the fleet model's most contested input and what it does to the share under
 * water: the median power price miners paid in each year in its low, central and high case, each
 * with its source (fleetHistory.json), and the fleet share at the calibration point with its band.
 * Generated into docs/data.md by `npm run docs`.
 */
import { bundledMachineCatalog, bundledPowerPrices } from '../../shared/data/bundledData';
import { loadFleetHistory, powerPriceCaseFactorsOfYear, runFleetModel } from '../../shared/data/fleetHistory';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { fleetOnDate } from '../../shared/domain/fleetOverTime';
import { fleetShareNegative } from '../../shared/domain/fleetShare';
import { fleetShareNegativeBand } from '../../shared/domain/fleetShareBand';
import { ehsToHps } from '../../shared/domain/units';

const cents = (usdPerKwh: number): string =>
  `${(usdPerKwh * 100).toFixed(usdPerKwh * 1000 === Math.round(usdPerKwh * 1000) ? 1 : 2)}`;
const pipeSafe = (text: string): string => text.replaceAll('|', '/');

/** Year by year: low, central and high median power price (c/kWh) with the source of each. */
export function powerPriceByYearTable(): string[] {
  const file = loadFleetHistory();
  return [
    '| year | low (c/kWh) | central | high | low: source | central: source | high: source |',
    '|---|---|---|---|---|---|---|',
    ...file.powerPriceByYear.map(
      (row) =>
        `| ${row.year} | ${cents(row.lowUsdPerKwh)} | ${cents(row.medianUsdPerKwh)} | ${cents(row.highUsdPerKwh)} | ${pipeSafe(row.lowSource)} | ${pipeSafe(row.source)} | ${pipeSafe(row.highSource)} |`,
    ),
  ];
}

/**
 * The fleet share at three hashprices on the model's February 2026 fleet (the fitted month) at
 * 1,020 EH/s, with its band: the 2026 power prices moved to the year's low and high cases, as the
 * live compute moves today's.
 */
export function fleetShareTable(): string[] {
  const run = runFleetModel({
    daily: loadDailyHistory(),
    catalog: bundledMachineCatalog,
    basePowerPrices: bundledPowerPrices,
    poolFeeFraction: 0.02,
  });
  const factors = powerPriceCaseFactorsOfYear(loadFleetHistory(), 2026);
  const input = (hashpriceUsdPerPhDay: number, poolFeeFraction = 0.02) => ({
    hashpriceUsdPerPhDay,
    networkHashrateHps: ehsToHps(1020),
    fleetMix: fleetOnDate(run.fleet, '2026-02-15')!,
    powerPrices: { bands: run.powerPricesForYear(2026) },
    poolFeeFraction,
  });
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const withBand = (hashpriceUsdPerPhDay: number) => {
    const band = fleetShareNegativeBand(input(hashpriceUsdPerPhDay), factors);
    return `${pct(band.centralFraction)} (${pct(band.lowFraction)}-${pct(band.highFraction)})`;
  };
  const h29 = fleetShareNegative(input(29));
  return [
    '| hashprice ($/PH/day) | share cash-flow negative (band) | hashrate at risk |',
    '|---|---|---|',
    `| 29 | ${withBand(29)}; ${pct(fleetShareNegative(input(29, 0)).shareNegativeFraction)} with no pool fee | ~${h29.hashrateAtRiskEhs.toFixed(0)} EH/s |`,
    `| 35 | ${withBand(35)} | |`,
    `| 45 | ${withBand(45)} | |`,
  ];
}
