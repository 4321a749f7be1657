/**
 * Daily economics of one mining machine and of a fleet of them, at a given hashprice and power
 * price. Revenue is hashprice x hashrate; power cost is energy x price; everything is per day.
 * Formulas: docs/design.md §3 (break-even), industry conventions (Luxor Hashrate Index, Braiins).
 */
import { breakEvenPowerPriceUsdPerKwh, kwhPerThDay } from './breakEven';

export interface MachineSpec {
  hashrateThs: number;
  powerWatts: number;
}

/** J/TH (equivalently W per TH/s) of a machine. */
export function efficiencyJPerTh(machine: MachineSpec): number {
  return machine.powerWatts / machine.hashrateThs;
}

export interface OperatingTerms {
  /** All-in electricity price, USD/kWh. */
  powerPriceUsdPerKwh: number;
  /** Pool fee as a fraction (0.02 = 2%). */
  poolFeeFraction: number;
  /** Share of the day the machine hashes (curtailment, downtime), 0..1. */
  uptimeFraction: number;
  /** Hosting and other operating cost that is not power, USD per machine per day. */
  hostingOpexUsdPerDay: number;
}

export interface MarketTerms {
  hashpriceUsdPerPhDay: number;
  btcPriceUsd: number;
}

export interface MachineDay {
  revenueUsdPerDay: number;
  revenueBtcPerDay: number;
  powerCostUsdPerDay: number;
  hostingOpexUsdPerDay: number;
  profitUsdPerDay: number;
  /** Profit over revenue. With no revenue (e.g. 0% uptime) it is 0 rather than -Infinity; read the profit then. */
  marginFraction: number;
  breakEvenPowerPriceUsdPerKwh: number;
  /** BTC price at which revenue covers power and hosting. */
  breakEvenBtcPriceUsd: number;
  /** Cost to produce one PH/s-day of hashrate (power + opex), USD/PH/day: the "hashcost". */
  hashcostUsdPerPhDay: number;
}

/** One machine's day. Uptime scales hashing and power alike; hosting opex is paid regardless. */
export function machineDay(machine: MachineSpec, terms: OperatingTerms, market: MarketTerms): MachineDay {
  const efficiency = efficiencyJPerTh(machine);
  const effectiveThs = machine.hashrateThs * terms.uptimeFraction;
  const revenueUsdPerDay = (market.hashpriceUsdPerPhDay / 1000) * effectiveThs * (1 - terms.poolFeeFraction);
  const revenueBtcPerDay = market.btcPriceUsd > 0 ? revenueUsdPerDay / market.btcPriceUsd : 0;
  const energyKwhPerDay = kwhPerThDay(efficiency) * effectiveThs;
  const powerCostUsdPerDay = energyKwhPerDay * terms.powerPriceUsdPerKwh;
  const costUsdPerDay = powerCostUsdPerDay + terms.hostingOpexUsdPerDay;
  const profitUsdPerDay = revenueUsdPerDay - costUsdPerDay;
  const hashcostUsdPerPhDay = effectiveThs > 0 ? (costUsdPerDay / effectiveThs) * 1000 : Number.POSITIVE_INFINITY;
  return {
    revenueUsdPerDay,
    revenueBtcPerDay,
    powerCostUsdPerDay,
    hostingOpexUsdPerDay: terms.hostingOpexUsdPerDay,
    profitUsdPerDay,
    marginFraction: revenueUsdPerDay > 0 ? profitUsdPerDay / revenueUsdPerDay : 0,
    breakEvenPowerPriceUsdPerKwh: breakEvenPowerPriceUsdPerKwh(
      market.hashpriceUsdPerPhDay,
      efficiency,
      terms.poolFeeFraction,
    ),
    breakEvenBtcPriceUsd: revenueBtcPerDay > 0 ? costUsdPerDay / revenueBtcPerDay : Number.POSITIVE_INFINITY,
    hashcostUsdPerPhDay,
  };
}

export interface FleetLine {
  machine: MachineSpec;
  count: number;
}

/**
 * A fleet's day: a machine's figures summed over the fleet, plus its size. Its break-even power
 * price is the fleet's as a whole (mean efficiency = total W / total TH/s; hosting excluded, like a
 * machine's). fleetDay computes its derived figures inline, like machineDay: a shared helper
 * returning an object to copy from doubled the profitability-snapshot benchmark.
 */
export interface FleetDay extends MachineDay {
  hashrateThs: number;
  powerWatts: number;
}

/** A fleet's day: the sum of its machines' days; terms are shared by the whole fleet. */
export function fleetDay(lines: readonly FleetLine[], terms: OperatingTerms, market: MarketTerms): FleetDay {
  let hashrateThs = 0;
  let powerWatts = 0;
  let revenueUsdPerDay = 0;
  let revenueBtcPerDay = 0;
  let powerCostUsdPerDay = 0;
  let hostingOpexUsdPerDay = 0;
  for (const line of lines) {
    const day = machineDay(line.machine, terms, market);
    hashrateThs += line.machine.hashrateThs * line.count;
    powerWatts += line.machine.powerWatts * line.count;
    revenueUsdPerDay += day.revenueUsdPerDay * line.count;
    revenueBtcPerDay += day.revenueBtcPerDay * line.count;
    powerCostUsdPerDay += day.powerCostUsdPerDay * line.count;
    hostingOpexUsdPerDay += day.hostingOpexUsdPerDay * line.count;
  }
  const costUsdPerDay = powerCostUsdPerDay + hostingOpexUsdPerDay;
  const profitUsdPerDay = revenueUsdPerDay - costUsdPerDay;
  const effectiveThs = hashrateThs * terms.uptimeFraction;
  const fleetEfficiency = hashrateThs > 0 ? powerWatts / hashrateThs : Number.POSITIVE_INFINITY;
  return {
    hashrateThs,
    powerWatts,
    revenueUsdPerDay,
    revenueBtcPerDay,
    powerCostUsdPerDay,
    hostingOpexUsdPerDay,
    profitUsdPerDay,
    marginFraction: revenueUsdPerDay > 0 ? profitUsdPerDay / revenueUsdPerDay : 0,
    breakEvenPowerPriceUsdPerKwh: breakEvenPowerPriceUsdPerKwh(
      market.hashpriceUsdPerPhDay,
      fleetEfficiency,
      terms.poolFeeFraction,
    ),
    breakEvenBtcPriceUsd: revenueBtcPerDay > 0 ? costUsdPerDay / revenueBtcPerDay : Number.POSITIVE_INFINITY,
    hashcostUsdPerPhDay: effectiveThs > 0 ? (costUsdPerDay / effectiveThs) * 1000 : Number.POSITIVE_INFINITY,
  };
}
