/**
 * The global fleet as it changes with time: share of network hashrate by machine model at any
 * month from the model's start, built from three inputs the caller supplies (this file reads no
 * data and no clock):
 * - the machine generations and when each went on sale (the catalog's release years);
 * - the network's monthly mean hashrate and realized hashprice (the bundled daily history);
 * - the power-price distribution miners paid, by year.
 *
 * One step per month, in this order (each step uses only that month's figures, so the fleet at the
 * start of a month is known by then and a backtest never looks ahead):
 * 1. End of life: machines installed `lifetimeYears` ago leave.
 * 2. Power: of each model's hashrate, the share paying more for power than the model's break-even at
 *    the month's mean hashprice is underwater; `exitFractionPerMonth` of it leaves (sold to cheaper
 *    power, scrapped or switched off for good).
 * 3. Growth: the network's hashrate is the hashrate still running. Any excess of the month's hashrate
 *    over what remains was added that month by the machines on sale then (equal shares of the models
 *    released in the latest `onSaleYears` release years). A shortfall is hashrate switched off, taken
 *    from the least efficient machines first (merit order).
 *
 * What it is not: a census. Machine makers do not publish shipments by model, so which models were
 * bought is assumed (equal shares of those on sale), power price and machine age are treated as
 * independent, and a machine switched off in a dip does not come back. The parameters were fitted to
 * published fleet-efficiency figures (see shared/data/fleetHistory.json and SOURCES.md).
 */
import { breakEvenPowerPriceUsdPerKwh } from './breakEven';
import { shareAbovePowerPrice, type FleetBand, type PowerPriceBand } from './fleetShare';

/** A machine model the fleet can hold (from the catalog, or the pre-catalog legacy generation). */
export interface FleetGeneration {
  id: string;
  label: string;
  efficiencyJPerTh: number;
  /** Calendar year the model went on sale. */
  releaseYear: number;
}

/** The network over one calendar month (monthly means of the daily history). */
export interface MonthlyNetwork {
  /** YYYY-MM. */
  month: string;
  hashrateHps: number;
  /** Mean realized hashprice of the month's days, USD/PH/s/day. */
  hashpriceUsdPerPhDay: number;
}

export interface FleetModelParameters {
  /** Years a machine runs before it leaves whatever it earns. */
  lifetimeYears: number;
  /** Share of a model's underwater hashrate (power price above its break-even) leaving each month, 0..1. */
  exitFractionPerMonth: number;
  /** Models of this many latest release years are on sale (bought for new hashrate) in a month. */
  onSaleYears: number;
  /** Pool fee assumed in the break-even, 0..1. */
  poolFeeFraction: number;
}

export interface FleetOverTimeInput {
  generations: readonly FleetGeneration[];
  /** The generation holding all of the network's hashrate in the first month (machines older than the catalog). */
  legacy: FleetGeneration;
  /** Consecutive months, oldest first. */
  months: readonly MonthlyNetwork[];
  /** Power-price distribution that applies in a calendar year. */
  powerPricesForYear: (year: number) => readonly PowerPriceBand[];
  parameters: FleetModelParameters;
}

/** The fleet at the start of one month: share of hashrate by model, most efficient first. */
export interface FleetMonth {
  /** YYYY-MM: the month this fleet starts (built from the months before it). */
  month: string;
  bands: FleetBand[];
  /** Hashrate-weighted mean efficiency at the wall, J/TH. */
  meanEfficiencyJPerTh: number;
}

export interface FleetOverTime {
  months: FleetMonth[];
}

interface Cohort {
  generation: FleetGeneration;
  /** Month index (into `months`) the cohort was installed. */
  installedAt: number;
  hashrateHps: number;
}

/** Index of the month after `month` (YYYY-MM). */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Generations on sale in `year`: those of the latest `onSaleYears` release years up to it. */
export function generationsOnSale(
  generations: readonly FleetGeneration[],
  year: number,
  onSaleYears: number,
): FleetGeneration[] {
  const released = generations.filter((g) => g.releaseYear <= year);
  if (released.length === 0) return [];
  const years = [...new Set(released.map((g) => g.releaseYear))].sort((a, b) => b - a).slice(0, onSaleYears);
  return released.filter((g) => years.includes(g.releaseYear));
}

function composition(month: string, cohorts: readonly Cohort[]): FleetMonth {
  const byId = new Map<string, { generation: FleetGeneration; hashrateHps: number }>();
  let total = 0;
  for (const c of cohorts) {
    if (c.hashrateHps <= 0) continue;
    const entry = byId.get(c.generation.id) ?? { generation: c.generation, hashrateHps: 0 };
    entry.hashrateHps += c.hashrateHps;
    byId.set(c.generation.id, entry);
    total += c.hashrateHps;
  }
  const bands: FleetBand[] = [...byId.values()]
    .sort(
      (a, b) =>
        a.generation.efficiencyJPerTh - b.generation.efficiencyJPerTh || (a.generation.id < b.generation.id ? -1 : 1),
    )
    .map((e) => ({
      id: e.generation.id,
      label: e.generation.label,
      efficiencyJPerTh: e.generation.efficiencyJPerTh,
      hashrateShareFraction: total > 0 ? e.hashrateHps / total : 0,
    }));
  const meanEfficiencyJPerTh = bands.reduce((s, b) => s + b.efficiencyJPerTh * b.hashrateShareFraction, 0);
  return { month, bands, meanEfficiencyJPerTh };
}

function checkInput(input: FleetOverTimeInput): void {
  const p = input.parameters;
  if (!(p.lifetimeYears > 0)) throw new RangeError(`lifetimeYears must be positive, got ${p.lifetimeYears}`);
  if (!(p.exitFractionPerMonth >= 0 && p.exitFractionPerMonth <= 1))
    throw new RangeError(`exitFractionPerMonth must be within 0..1, got ${p.exitFractionPerMonth}`);
  if (!(Number.isInteger(p.onSaleYears) && p.onSaleYears >= 1))
    throw new RangeError(`onSaleYears must be a positive integer, got ${p.onSaleYears}`);
  input.months.forEach((m, i) => {
    if (!(m.hashrateHps > 0)) throw new RangeError(`months[${i}] (${m.month}): hashrateHps must be positive`);
    if (!(m.hashpriceUsdPerPhDay >= 0))
      throw new RangeError(`months[${i}] (${m.month}): hashpriceUsdPerPhDay must be non-negative`);
    const previous = input.months[i - 1];
    if (previous && nextMonth(previous.month) !== m.month)
      throw new RangeError(`months[${i}] (${m.month}) does not follow ${previous.month}: months must be consecutive`);
  });
}

/**
 * The fleet at the start of every month from the second month of `months` to the month after the
 * last (the first month only seeds the legacy generation).
 */
export function fleetOverTime(input: FleetOverTimeInput): FleetOverTime {
  checkInput(input);
  const { months, parameters: p } = input;
  const first = months[0];
  if (!first) return { months: [] };
  let cohorts: Cohort[] = [{ generation: input.legacy, installedAt: 0, hashrateHps: first.hashrateHps }];
  const out: FleetMonth[] = [];
  const lifetimeMonths = Math.round(p.lifetimeYears * 12);
  for (let k = 1; k < months.length; k += 1) {
    const month = months[k]!;
    const year = Number(month.month.slice(0, 4));
    const powerBands = input.powerPricesForYear(year);
    // 1. End of life (the legacy seed ages from the first month too).
    cohorts = cohorts.filter((c) => k - c.installedAt < lifetimeMonths);
    // 2. Machines that do not pay their power leave, a share a month.
    for (const c of cohorts) {
      const breakEven = breakEvenPowerPriceUsdPerKwh(
        month.hashpriceUsdPerPhDay,
        c.generation.efficiencyJPerTh,
        p.poolFeeFraction,
      );
      const underwater = Math.min(1, Math.max(0, shareAbovePowerPrice(powerBands, breakEven)));
      c.hashrateHps *= 1 - p.exitFractionPerMonth * underwater;
    }
    // 3. The month's hashrate is what runs: add the new machines, or switch off the worst.
    const running = cohorts.reduce((s, c) => s + c.hashrateHps, 0);
    if (month.hashrateHps > running) {
      const onSale = generationsOnSale(input.generations, year, p.onSaleYears);
      const buying = onSale.length > 0 ? onSale : [input.legacy];
      const each = (month.hashrateHps - running) / buying.length;
      for (const generation of buying) cohorts.push({ generation, installedAt: k, hashrateHps: each });
    } else {
      let excess = running - month.hashrateHps;
      const byWorst = [...cohorts].sort((a, b) => b.generation.efficiencyJPerTh - a.generation.efficiencyJPerTh);
      for (const c of byWorst) {
        if (excess <= 0) break;
        const off = Math.min(c.hashrateHps, excess);
        c.hashrateHps -= off;
        excess -= off;
      }
    }
    cohorts = cohorts.filter((c) => c.hashrateHps > 0);
    out.push(composition(nextMonth(month.month), cohorts));
  }
  return { months: out };
}

/** The fleet that applies on `date` (YYYY-MM-DD): the latest month started by then, or undefined. */
export function fleetOnDate(history: FleetOverTime, date: string): FleetMonth | undefined {
  const month = date.slice(0, 7);
  let lo = 0;
  let hi = history.months.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (history.months[mid]!.month <= month) lo = mid + 1;
    else hi = mid;
  }
  return history.months[lo - 1];
}

/** An efficiency band to aggregate a fleet month into (fleetMix.json's bands). */
export interface EfficiencyBandEdges {
  id: string;
  label: string;
  /** Absent for the most efficient band. */
  minJPerTh?: number | undefined;
  /** Absent for the least efficient band. */
  maxJPerTh?: number | undefined;
}

export interface AggregatedBand extends EfficiencyBandEdges {
  efficiencyJPerTh: number;
  hashrateShareFraction: number;
  /** The models in the band, most hashrate first. */
  machineIds: string[];
}

/**
 * A fleet month summed into efficiency bands (a model belongs to the band with min < J/TH <= max):
 * each band's share is the sum of its models' shares and its efficiency their share-weighted mean;
 * an empty band takes the middle of its edges.
 */
export function aggregateIntoBands(month: FleetMonth, edges: readonly EfficiencyBandEdges[]): AggregatedBand[] {
  return edges.map((edge) => {
    const inBand = month.bands.filter(
      (b) =>
        (edge.minJPerTh === undefined || b.efficiencyJPerTh > edge.minJPerTh) &&
        (edge.maxJPerTh === undefined || b.efficiencyJPerTh <= edge.maxJPerTh),
    );
    const share = inBand.reduce((s, b) => s + b.hashrateShareFraction, 0);
    const lo = edge.minJPerTh ?? (edge.maxJPerTh ?? 0) / 2;
    const hi = edge.maxJPerTh ?? lo * 1.5;
    const efficiency =
      share > 0 ? inBand.reduce((s, b) => s + b.efficiencyJPerTh * b.hashrateShareFraction, 0) / share : (lo + hi) / 2;
    return {
      ...edge,
      efficiencyJPerTh: efficiency,
      hashrateShareFraction: share,
      machineIds: [...inBand].sort((a, b) => b.hashrateShareFraction - a.hashrateShareFraction).map((b) => b.id),
    };
  });
}
