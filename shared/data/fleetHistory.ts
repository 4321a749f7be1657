/**
 * The fleet-over-time inputs (fleetHistory.json: model parameters, the pre-catalog legacy
 * generation, the median power price by year, the efficiency anchors the model was fitted to), and
 * the one place that joins them with the machine catalog and the daily history to run the model.
 */
import * as z from '../schema/z';
import fleetHistoryJson from './fleetHistory.json';
import { dataFileHeaderSchema, isoDateSchema, dataFileReader, sourcedSchema } from './dataFile';
import type { MachineModel } from './machineCatalog';
import type { DailyNetwork } from '../domain/dailyNetwork';
import { medianPowerPriceUsdPerKwh, scalePowerPrices, type PowerPriceBand } from '../domain/fleetShare';
import type { PowerPriceCase, PowerPriceCaseFactors } from '../domain/fleetShareBand';
import type { FleetMix } from './fleetMix';
import {
  aggregateIntoBands,
  fleetOverTime,
  nextMonth,
  type FleetGeneration,
  type FleetOverTime,
} from '../domain/fleetOverTime';
import { monthlyNetwork } from '../domain/monthlyNetwork';

export const FLEET_HISTORY_FILE = 'shared/data/fleetHistory.json';

const monthSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'));

/**
 * The file's schema, built when the file is first read (dataFileReader): the calculator bundles it
 * for its projections, and most of its requests never project.
 */
export function fleetHistorySchema() {
  return z
    .extend(dataFileHeaderSchema, {
      description: z.optional(z.string()),
      method: z.enum(['estimate', 'measurement']),
      startMonth: monthSchema,
      parameters: z.extend(sourcedSchema, {
        lifetimeYears: z.number().check(z.positive(), z.maximum(30)),
        exitFractionPerMonth: z.number().check(z.minimum(0), z.maximum(1)),
        onSaleYears: z.int().check(z.minimum(1), z.maximum(10)),
      }),
      legacy: z.extend(sourcedSchema, {
        id: z.string().check(z.minLength(1)),
        label: z.string().check(z.minLength(1)),
        efficiencyJPerTh: z.number().check(z.positive(), z.maximum(10_000)),
        releaseYear: z.int().check(z.minimum(2009), z.maximum(2100)),
      }),
      powerPriceByYear: z
        .array(
          z
            .extend(sourcedSchema, {
              year: z.int().check(z.minimum(2009), z.maximum(2100)),
              /** The central case (its source is the row's `source`). */
              medianUsdPerKwh: z.number().check(z.positive(), z.maximum(1)),
              /** The cheapest reading of the year's published figures, and where it comes from. */
              lowUsdPerKwh: z.number().check(z.positive(), z.maximum(1)),
              lowSource: z.string().check(z.minLength(1)),
              /** The dearest reading, and where it comes from. */
              highUsdPerKwh: z.number().check(z.positive(), z.maximum(1)),
              highSource: z.string().check(z.minLength(1)),
            })
            .check(
              z.refine((row) => row.lowUsdPerKwh <= row.medianUsdPerKwh, {
                path: ['lowUsdPerKwh'],
                message: 'must not exceed medianUsdPerKwh (the low case is the cheapest reading)',
              }),
              z.refine((row) => row.highUsdPerKwh >= row.medianUsdPerKwh, {
                path: ['highUsdPerKwh'],
                message: 'must not be under medianUsdPerKwh (the high case is the dearest reading)',
              }),
            ),
        )
        .check(z.minLength(1)),
      anchors: z.array(
        z.extend(sourcedSchema, {
          figure: z.string().check(z.minLength(1)),
          value: z.string().check(z.minLength(1)),
          valueJPerTh: z.number().check(z.positive()),
          date: isoDateSchema,
          toleranceJPerTh: z.number().check(z.positive()),
        }),
      ),
    })
    .check(
      z.superRefine((file, ctx) => {
        file.powerPriceByYear.forEach((row, i) => {
          const previous = file.powerPriceByYear[i - 1];
          if (previous && row.year !== previous.year + 1)
            ctx.addIssue({
              code: 'custom',
              path: ['powerPriceByYear', i, 'year'],
              message: `must follow ${previous.year}: one row per consecutive year`,
            });
        });
      }),
    );
}

export type FleetHistoryFile = z.output<ReturnType<typeof fleetHistorySchema>>;

const fleetHistoryFile = dataFileReader(fleetHistorySchema, FLEET_HISTORY_FILE, fleetHistoryJson);
/** Validates a document of FLEET_HISTORY_FILE; throws DataFileError naming the file, row and field. */
export const parseFleetHistory: (raw: unknown, fileName?: string) => FleetHistoryFile = fleetHistoryFile.parse;
/** The copy bundled with the code, validated once and reused. */
export const loadFleetHistory: () => FleetHistoryFile = fleetHistoryFile.load;

type PowerPriceRow = FleetHistoryFile['powerPriceByYear'][number];

/** The row of `year` (years outside the table take the nearest year's). */
function powerPriceRowOf(file: FleetHistoryFile, year: number): PowerPriceRow {
  const rows = file.powerPriceByYear;
  return rows.find((r) => r.year === year) ?? (year < rows[0]!.year ? rows[0]! : rows.at(-1)!);
}

/** The factors that move `year`'s central power prices to its low and high cases. */
export function powerPriceCaseFactorsOfYear(file: FleetHistoryFile, year: number): PowerPriceCaseFactors {
  const row = powerPriceRowOf(file, year);
  return { low: row.lowUsdPerKwh / row.medianUsdPerKwh, high: row.highUsdPerKwh / row.medianUsdPerKwh };
}

/** The median power price of `year` in one case. */
export function medianPowerPriceOfYear(file: FleetHistoryFile, year: number, powerCase: PowerPriceCase): number {
  const row = powerPriceRowOf(file, year);
  return powerCase === 'low' ? row.lowUsdPerKwh : powerCase === 'high' ? row.highUsdPerKwh : row.medianUsdPerKwh;
}

/**
 * The power-price distribution of `year` in one case: the Q1 2026 shape moved to that year's
 * median of the case (years outside the table take the nearest year's).
 */
export function powerPricesForYear(
  file: FleetHistoryFile,
  base: { readonly bands: readonly PowerPriceBand[] },
  powerCase: PowerPriceCase = 'central',
): (year: number) => PowerPriceBand[] {
  const baseMedian = medianPowerPriceUsdPerKwh(base.bands);
  const cache = new Map<number, PowerPriceBand[]>();
  return (year) => {
    let bands = cache.get(year);
    if (!bands) {
      bands = scalePowerPrices(base.bands, medianPowerPriceOfYear(file, year, powerCase) / baseMedian);
      cache.set(year, bands);
    }
    return bands;
  };
}

/** What the model needs of a catalog row. */
export type FleetCatalog = {
  readonly machines: readonly Pick<MachineModel, 'id' | 'model' | 'efficiencyJPerTh' | 'releaseYear'>[];
};

export function catalogGenerations(catalog: FleetCatalog): FleetGeneration[] {
  return catalog.machines.map((m) => ({
    id: m.id,
    label: m.model,
    efficiencyJPerTh: m.efficiencyJPerTh,
    releaseYear: m.releaseYear,
  }));
}

export interface FleetModelRun {
  fleet: FleetOverTime;
  powerPricesForYear: (year: number) => PowerPriceBand[];
}

/**
 * The months up to the first one missing: the model steps month by month, and a month without a
 * complete day (the bundled fees end 2026-06-01, so July has none, while days a history update
 * cached after the bundled end have estimated fees again) must not be stepped over. Dates after
 * the last month take its fleet, as they do at the end of the history.
 */
function leadingConsecutiveMonths<T extends { month: string }>(months: readonly T[]): T[] {
  const end = months.findIndex((m, i) => i > 0 && nextMonth(months[i - 1]!.month) !== m.month);
  return end < 0 ? [...months] : months.slice(0, end);
}

/**
 * Runs the fleet model over `daily` with the bundled parameters (or those given), in one
 * power-price case (central by default): the case moves both the prices each month's fleet is
 * judged at and, through the exits, the fleet itself.
 */
export function runFleetModel(options: {
  daily: readonly DailyNetwork[];
  catalog: FleetCatalog;
  basePowerPrices: { readonly bands: readonly PowerPriceBand[] };
  file?: FleetHistoryFile;
  poolFeeFraction: number;
  powerCase?: PowerPriceCase;
}): FleetModelRun {
  const file = options.file ?? loadFleetHistory();
  const priceFor = powerPricesForYear(file, options.basePowerPrices, options.powerCase);
  const fleet = fleetOverTime({
    generations: catalogGenerations(options.catalog),
    legacy: file.legacy,
    months: leadingConsecutiveMonths(monthlyNetwork(options.daily, file.startMonth)),
    powerPricesForYear: priceFor,
    parameters: { ...file.parameters, poolFeeFraction: options.poolFeeFraction },
  });
  return { fleet, powerPricesForYear: priceFor };
}

/** Today's fleet mix (fleetMix.json) as the model gives it for `month`, in `template`'s bands. */
export function fleetMixFromModel(options: {
  run: FleetModelRun;
  /** YYYY-MM; the model's last month when omitted. */
  month?: string;
  template: FleetMix;
  file?: FleetHistoryFile;
}): FleetMix {
  const file = options.file ?? loadFleetHistory();
  const months = options.run.fleet.months;
  const month = options.month ? months.find((m) => m.month === options.month) : months.at(-1);
  if (!month) throw new Error(`the fleet model has no month ${options.month ?? '(none at all)'}`);
  const aggregated = aggregateIntoBands(month, options.template.bands);
  // Shares to 3 decimals; the rounding residue goes to the largest band so they add up to 1.
  const shares = aggregated.map((b) => Math.round(b.hashrateShareFraction * 1000) / 1000);
  const largest = shares.indexOf(Math.max(...shares));
  shares[largest] = Math.round((shares[largest]! + 1 - shares.reduce((s, x) => s + x, 0)) * 1000) / 1000;
  const asOf = `${month.month}-01`;
  return {
    ...options.template,
    version: `${file.version}+${month.month}`,
    asOf,
    description:
      `Share of network hashrate by machine efficiency band (J/TH at the wall) at the start of ${month.month}, as the fleet-over-time model gives it ` +
      `(shared/domain/fleetOverTime.ts with shared/data/fleetHistory.json version ${file.version}, the machine catalog and the bundled daily history). ` +
      'An estimate, not a census: see fleetHistory.json and SOURCES.md for how it was fitted and what it was tested against. ' +
      `Network-mean efficiency ${month.meanEfficiencyJPerTh.toFixed(1)} J/TH. Regenerate with \`npx tsx local/backtest/writeFleetMix.ts\`.`,
    method: 'estimate',
    bands: aggregated.map((b, i) => {
      const t = options.template.bands[i]!;
      const lo = t.minJPerTh ?? 0;
      const hi = t.maxJPerTh ?? Number.POSITIVE_INFINITY;
      return {
        source: `Fleet-over-time model, ${month.month} (fleetHistory.json ${file.version})`,
        sourceDate: asOf,
        id: t.id,
        label: t.label,
        ...(t.minJPerTh !== undefined ? { minJPerTh: t.minJPerTh } : {}),
        ...(t.maxJPerTh !== undefined ? { maxJPerTh: t.maxJPerTh } : {}),
        efficiencyJPerTh: Math.min(hi, Math.max(lo, Math.round(b.efficiencyJPerTh * 10) / 10)),
        hashrateShareFraction: shares[i]!,
        exampleMachineIds: b.machineIds.slice(0, 8),
      };
    }),
  };
}
