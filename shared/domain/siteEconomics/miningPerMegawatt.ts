/**
 * What a megawatt earns hashing. The physics is exact and has one home here: a machine of E J/TH
 * draws E W per TH/s, so one TH/s-day uses E x 24 / 10^6 MWh, and earns the hashprice per TH-day;
 * revenue per MWh = hashprice per TH-day / (E x 24 / 10^6). This is Luxor's "energy-adjusted
 * hashprice" (hashprice / efficiency / 24 h). Check: 17.5 J/TH at $39/PH-day draws 0.42 MWh per
 * PH-day and earns about $93/MWh.
 */
import { HOURS_PER_DAY, perPhToPerTh } from '../units';

/** Hours in a year of 365.25 days: the year of the lease terms and of the scenario's months. */
export const HOURS_PER_YEAR = 365.25 * HOURS_PER_DAY;
export const DAYS_PER_YEAR_EXACT = 365.25;
const WATT_HOURS_PER_MWH = 1e6;

/** MWh one TH/s draws in a day at `efficiencyJPerTh` (J/TH = W per TH/s). */
export function mwhPerThDay(efficiencyJPerTh: number): number {
  return (efficiencyJPerTh * HOURS_PER_DAY) / WATT_HOURS_PER_MWH;
}

/** Mining revenue per MWh drawn, USD, after the pool fee (a fraction). */
export function miningRevenueUsdPerMwh(
  hashpriceUsdPerPhDay: number,
  efficiencyJPerTh: number,
  poolFeeFraction = 0,
): number {
  return (perPhToPerTh(hashpriceUsdPerPhDay) * (1 - poolFeeFraction)) / mwhPerThDay(efficiencyJPerTh);
}

/** A fleet's day, reduced to what its per-megawatt economics need. */
export interface FleetDayForMegawatt {
  powerWatts: number;
  hashrateThs: number;
  uptimeFraction: number;
  poolFeeFraction: number;
  hashpriceUsdPerPhDay: number;
  profitUsdPerDay: number;
}

export interface MiningPerMegawatt {
  /** The fleet's nameplate power, MW (what it draws hashing flat out). */
  fleetPowerMw: number;
  miningRevenueUsdPerMwh: number;
  /** Revenue less power and hosting, per MWh drawn; null when nothing is drawn (uptime 0). */
  miningMarginUsdPerMwh: number | null;
  /** The fleet's cash profit (revenue - power - hosting) per MW of its nameplate power, per year. */
  miningMarginUsdPerMwYear: number;
}

export function miningPerMegawatt(day: FleetDayForMegawatt): MiningPerMegawatt {
  const fleetPowerMw = day.powerWatts / 1e6;
  const efficiency = day.powerWatts / day.hashrateThs;
  const mwhDrawnPerDay = fleetPowerMw * HOURS_PER_DAY * day.uptimeFraction;
  return {
    fleetPowerMw,
    miningRevenueUsdPerMwh: miningRevenueUsdPerMwh(day.hashpriceUsdPerPhDay, efficiency, day.poolFeeFraction),
    miningMarginUsdPerMwh: mwhDrawnPerDay > 0 ? day.profitUsdPerDay / mwhDrawnPerDay : null,
    miningMarginUsdPerMwYear: (day.profitUsdPerDay / fleetPowerMw) * DAYS_PER_YEAR_EXACT,
  };
}
