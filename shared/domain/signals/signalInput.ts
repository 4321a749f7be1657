/**
 * Everything the detectors look at in one evaluation, already reduced to figures. Built by
 * `buildSignalInput` from the same raw material in both places that evaluate signals:
 * - the live compute: the network snapshot, the daily history and the epochs read from the table,
 *   the profitability just computed;
 * - the backtest: one day of the bundled history at a time (decision time = the day's close,
 *   00:00Z of the next day), with the history and epochs known by then.
 * Pure: no clock, no I/O. A figure that cannot be computed is left undefined and the detectors that
 * need it observe nothing (their state is kept as it is).
 */
import type { Currency } from '../currency';
import type { FleetShareBandPct } from '../fleetShareBand';
import { daysClosedBy, type DailyNetwork } from '../dailyNetwork';
import type { NetworkSnapshot } from '../networkSnapshot';
import type { SitePowerInput } from '../power/sitePowerSignals';
import type { TextCurrency } from './moneyText';
import { epochsStartedBy, type DifficultyEpoch } from '../difficultyEpoch';
import { difficultyStreak } from '../difficultyStreak';
import { realizedHashpriceOfDay } from '../hashprice';
import { HASH_RIBBON_FAST_DAYS, HASH_RIBBON_SLOW_DAYS } from '../hashRibbons';
import { simpleMovingAverage } from '../movingAverage';
import { siteMiningMarginUsdPerMwYear, type SiteMiningSpec } from '../siteEconomics/siteMiningMargin';
import type { MinerPeriod } from '../minerTreasury/treasuryPeriod';

export const HASHPRICE_MEAN_DAYS = 90;
/** A 90-day mean needs most of its days; history gaps of a few days are tolerated. */
export const HASHPRICE_MEAN_MIN_DAYS = 80;

export interface DifficultyInput {
  /** Consecutive negative adjustments up to the latest one (0 when the latest was not negative). */
  negativeStreak: number;
  /** Length of the negative run that the latest non-negative adjustment ended (0 if none). */
  previousNegativeStreak: number;
  /** Changes of the adjustments in the current streak, oldest first, percent. */
  streakChangesPct: number[];
  lastChangePct: number;
  lastEpoch: number;
  lastAdjustmentAt: string;
}

export interface ProjectedAdjustmentInput {
  epoch: number;
  estimatedChangePct: number;
  progressPct: number;
  estimatedRetargetAt?: string;
}

/** Days of the trailing site margin, and how many of them must have a realized hashprice. */
export const SITE_MARGIN_DAYS = 30;
export const SITE_MARGIN_MIN_DAYS = 25;

export interface HashpriceInput {
  usdPerPhDay: number;
  /** 'expected' (difficulty based, live snapshots) or 'realized' (a day's actual revenue, backtest). */
  basis: 'expected' | 'realized';
  /** Mean realized hashprice of the last 90 complete days. */
  mean90dUsdPerPhDay: number | undefined;
}

export interface HashRibbonInput {
  /** The last complete day the averages include. */
  date: string;
  sma30Hps: number;
  sma60Hps: number;
}

/** One owner fleet's economics at the decision time (from the profitability snapshot). */
export interface FleetSignalInput {
  name: string;
  revenueUsdPerDay: number;
  powerCostUsdPerDay: number;
  hostingOpexUsdPerDay: number;
  profitUsdPerDay: number;
  powerPriceUsdPerKwh: number;
  breakEvenPowerPriceUsdPerKwh: number;
  cashCostUsdPerBtc: number;
  allInCostUsdPerBtc: number;
}

/** One of the owner's sites with a lease offer: its trailing mining margin against the offer's, per MW-year. */
export interface SiteSignalInput {
  name: string;
  /**
   * Mean over the last 30 closed days of the site's mining margin per MW-year at each day's
   * realized hashprice; undefined when fewer than SITE_MARGIN_MIN_DAYS of them have one.
   */
  miningMarginUsdPerMwYear30d: number | undefined;
  /** Days the mean holds (days without a realized hashprice are skipped, within limits). */
  daysInMean: number;
  /** The first and last day of the window; null without closed days. */
  fromDate: string | null;
  toDate: string | null;
  /** The lease offer's first-year margin per MW of site power (context). */
  leaseMarginUsdPerMwYear: number;
  /** The offer's equivalent annual value per MW of site power, conversion capex and build included: what is judged. */
  leaseEquivalentUsdPerMwYear: number;
}

/**
 * One owner fleet's daily projection (the closed loop with Monte Carlo prices, computed once a UTC
 * day by the compute, shared/compute/fleetLossOutlook.ts): how likely it is to lose cash ahead.
 */
export interface FleetLossOutlookInput {
  name: string;
  horizonDays: number;
  paths: number;
  /** Share of paths, percent, with at least one day whose hashprice is under the fleet's cash break-even. */
  probabilityPct: number;
  /** The hashprice under which the fleet loses cash (power and hosting), USD/PH/day. */
  breakEvenHashpriceUsdPerPhDay: number;
  /** The projected hashprice on the horizon's last day, p10 / p50 / p90, USD/PH/day. */
  hashpriceAtHorizonUsdPerPhDay: { p10: number; p50: number; p90: number };
  /** First month of the horizon in which at least half the paths have a cash-negative day (null: none). */
  likelyFromMonth: number | null;
}

/** BTC closes known at the decision time (UTC candles), for levels judged on a close. */
export interface PriceClosesInput {
  /** Close of the last complete UTC day. */
  daily: { date: string; usd: number } | undefined;
  /** Close of the last complete UTC week (Monday 00:00 to Sunday 24:00): the Sunday's close. */
  weekly: { weekEnding: string; usd: number } | undefined;
}

export interface SignalInput {
  /** ISO time of the snapshot (or day close) that decides: every event's `occurredAt`. */
  decidedAt: string;
  btcPriceUsd: number;
  /** Daily and weekly closes; absent where no daily history is at hand. */
  btcCloses?: PriceClosesInput | undefined;
  /**
   * False when no second source confirms `btcPriceUsd` (the snapshot is flagged single-source or
   * disagreeing): signals that judge the price itself are not evaluated. Absent means confirmed.
   */
  priceConfirmed?: boolean;
  /** The BTC price in the other currencies the snapshot holds (mempool's), for watches in them. */
  btcPriceIn?: Partial<Record<Currency, number>>;
  /** The owner's text currency and its rate at this decision; undefined for USD. */
  textCurrency?: TextCurrency;
  difficulty: DifficultyInput | undefined;
  projectedAdjustment: ProjectedAdjustmentInput | undefined;
  hashprice: HashpriceInput | undefined;
  hashRibbon: HashRibbonInput | undefined;
  /** Share of global hashrate that is cash-flow negative, percent. */
  fleetShareNegativePct: number | undefined;
  /**
   * That share's band across the low and high power-price cases (fleetShareBand.ts), percent: as
   * the profitability record stores it; absent where the fleet model has no power-price cases.
   */
  fleetShareNegativeBandPct?: FleetShareBandPct | undefined;
  fleets: FleetSignalInput[];
  /** The owner's sites with a lease offer and enough history for their trailing margin. */
  sites?: SiteSignalInput[];
  /** The fleets' daily projections: present only on the evaluation that computed them (once a UTC day). */
  fleetLossOutlooks?: FleetLossOutlookInput[];
  /**
   * The listed miners' reporting periods (shared/data/publicMinersMonthly.json), each with the day it
   * was public (`publishedOn`): the miner signals read only those public by the decision.
   */
  minerPeriods?: readonly MinerPeriod[];
  /**
   * The network snapshot the decision is made on, all its fields as stored (live snapshots and the
   * backtest's ticks); absent for a decision on daily history alone. Detectors read new snapshot
   * figures here, so a figure flows snapshot -> alert without being listed again on the way.
   */
  networkSnapshot?: NetworkSnapshot;
  /**
   * The owner's market-priced sites as the site signals see them at this decision (their price,
   * the hashprice, their classes and modes): present only on the site pass of the compute
   * (computeSitePower.ts), which decides at the time a price or a hashprice arrived.
   */
  sitePower?: readonly SitePowerInput[];
}

export interface SignalSources {
  decidedAt: string;
  btcPriceUsd: number;
  /** See SignalInput.priceConfirmed. */
  priceConfirmed?: boolean;
  btcPriceIn?: Partial<Record<Currency, number>>;
  textCurrency?: TextCurrency | undefined;
  /** The hashprice this evaluation judges (live: expected from the snapshot; backtest: the day's realized). */
  hashprice?: { usdPerPhDay: number; basis: 'expected' | 'realized' } | undefined;
  /** Daily history, oldest first, consecutive days; only days closed by `decidedAt` are used. */
  daily: readonly DailyNetwork[];
  /** Difficulty epochs, oldest first; only those started by `decidedAt` are used. */
  epochs: readonly DifficultyEpoch[];
  /** See SignalInput.networkSnapshot. */
  networkSnapshot?: NetworkSnapshot | undefined;
  /** The running epoch's estimate (live snapshots carry mempool's; a backtest may omit it). */
  projectedAdjustment?: ProjectedAdjustmentInput | undefined;
  fleetShareNegativePct?: number | undefined;
  /** See SignalInput.fleetShareNegativeBandPct. */
  fleetShareNegativeBandPct?: FleetShareBandPct | undefined;
  fleets?: readonly FleetSignalInput[] | undefined;
  /** The owner's sites with a lease offer (compute config `sites`). */
  sites?: readonly SiteMiningSpec[] | undefined;
  /** See SignalInput.fleetLossOutlooks. */
  fleetLossOutlooks?: readonly FleetLossOutlookInput[] | undefined;
  /** See SignalInput.minerPeriods. */
  minerPeriods?: readonly MinerPeriod[] | undefined;
}

/** Epochs looked at for the streaks: more than any run of negative adjustments ever seen (4). */
const STREAK_WINDOW_EPOCHS = 64;

function difficultyInput(epochs: readonly DifficultyEpoch[], decidedAtMs: number): DifficultyInput | undefined {
  const lo = epochsStartedBy(epochs, decidedAtMs);
  const last = epochs[lo - 1];
  if (!last || last.changePct === undefined) return undefined;
  const window = epochs.slice(Math.max(0, lo - STREAK_WINDOW_EPOCHS), lo);
  const streak = difficultyStreak(window);
  const previousRun = streak.current ? undefined : streak.runs.at(-1);
  const current = streak.current;
  const streakChangesPct = current
    ? window.filter((e) => e.epoch >= current.startEpoch && e.epoch <= current.endEpoch).map((e) => e.changePct!)
    : [];
  return {
    negativeStreak: streak.currentLength,
    previousNegativeStreak: previousRun && previousRun.endEpoch === last.epoch - 1 ? previousRun.length : 0,
    streakChangesPct,
    lastChangePct: last.changePct,
    lastEpoch: last.epoch,
    lastAdjustmentAt: last.startedAt,
  };
}

function hashRibbonInput(days: readonly DailyNetwork[]): HashRibbonInput | undefined {
  const window = days.slice(-HASH_RIBBON_SLOW_DAYS);
  if (window.length < HASH_RIBBON_SLOW_DAYS) return undefined;
  const hashrates = window.map((d) => d.hashrateHps);
  const sma30Hps = simpleMovingAverage(hashrates, HASH_RIBBON_FAST_DAYS).at(-1);
  const sma60Hps = simpleMovingAverage(hashrates, HASH_RIBBON_SLOW_DAYS).at(-1);
  if (sma30Hps === undefined || sma60Hps === undefined) return undefined;
  return { date: window.at(-1)!.date, sma30Hps, sma60Hps };
}

/** Mean of the days' realized hashprice (days missing a figure are skipped, within limits). */
function realizedHashpriceMean(days: readonly DailyNetwork[]): number | undefined {
  const values: number[] = [];
  for (const d of days.slice(-HASHPRICE_MEAN_DAYS)) {
    const hashprice = realizedHashpriceOfDay(d);
    if (hashprice) values.push(hashprice.usdPerPhDay);
  }
  if (values.length < HASHPRICE_MEAN_MIN_DAYS) return undefined;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Each site's mean margin over the last SITE_MARGIN_DAYS closed days. Every site is listed (the
 * engine would retire a subject it no longer sees); without enough days its mean is undefined.
 */
function siteInputs(sites: readonly SiteMiningSpec[], days: readonly DailyNetwork[]): SiteSignalInput[] {
  const window = days.slice(-SITE_MARGIN_DAYS);
  const hashprices = window.flatMap((d) => {
    const hashprice = realizedHashpriceOfDay(d);
    return hashprice ? [hashprice.usdPerPhDay] : [];
  });
  const enough = hashprices.length >= SITE_MARGIN_MIN_DAYS;
  return sites.map((site) => ({
    name: site.name,
    miningMarginUsdPerMwYear30d: enough
      ? hashprices.reduce((sum, h) => sum + siteMiningMarginUsdPerMwYear(site, h), 0) / hashprices.length
      : undefined,
    daysInMean: hashprices.length,
    fromDate: window[0]?.date ?? null,
    toDate: window.at(-1)?.date ?? null,
    leaseMarginUsdPerMwYear: site.leaseMarginUsdPerMwYear,
    leaseEquivalentUsdPerMwYear: site.leaseEquivalentUsdPerMwYear,
  }));
}

/** The last daily close, and the last Sunday's close (a week's close), among closed days. */
export function priceCloses(days: readonly DailyNetwork[]): PriceClosesInput {
  let daily: PriceClosesInput['daily'];
  let weekly: PriceClosesInput['weekly'];
  for (let i = days.length - 1; i >= 0 && (!daily || !weekly); i -= 1) {
    const d = days[i]!;
    if (d.btcPriceUsd === undefined) continue;
    daily ??= { date: d.date, usd: d.btcPriceUsd };
    if (!weekly && new Date(`${d.date}T00:00:00Z`).getUTCDay() === 0)
      weekly = { weekEnding: d.date, usd: d.btcPriceUsd };
  }
  return { daily, weekly };
}

export function buildSignalInput(sources: SignalSources): SignalInput {
  const decidedAtMs = Date.parse(sources.decidedAt);
  if (!Number.isFinite(decidedAtMs))
    throw new RangeError(`decidedAt must be an ISO 8601 time, got ${sources.decidedAt}`);
  const days = daysClosedBy(sources.daily, decidedAtMs).slice(-Math.max(HASH_RIBBON_SLOW_DAYS, HASHPRICE_MEAN_DAYS));
  return {
    decidedAt: new Date(decidedAtMs).toISOString(),
    btcPriceUsd: sources.btcPriceUsd,
    btcCloses: priceCloses(days),
    ...(sources.priceConfirmed !== undefined ? { priceConfirmed: sources.priceConfirmed } : {}),
    ...(sources.btcPriceIn ? { btcPriceIn: sources.btcPriceIn } : {}),
    ...(sources.textCurrency ? { textCurrency: sources.textCurrency } : {}),
    difficulty: difficultyInput(sources.epochs, decidedAtMs),
    projectedAdjustment: sources.projectedAdjustment,
    hashprice: sources.hashprice
      ? { ...sources.hashprice, mean90dUsdPerPhDay: realizedHashpriceMean(days) }
      : undefined,
    hashRibbon: hashRibbonInput(days),
    fleetShareNegativePct: sources.fleetShareNegativePct,
    ...(sources.fleetShareNegativeBandPct ? { fleetShareNegativeBandPct: sources.fleetShareNegativeBandPct } : {}),
    fleets: [...(sources.fleets ?? [])],
    ...(sources.sites && sources.sites.length > 0 ? { sites: siteInputs(sources.sites, days) } : {}),
    ...(sources.fleetLossOutlooks ? { fleetLossOutlooks: [...sources.fleetLossOutlooks] } : {}),
    ...(sources.minerPeriods ? { minerPeriods: sources.minerPeriods } : {}),
    ...(sources.networkSnapshot ? { networkSnapshot: sources.networkSnapshot } : {}),
  };
}

/**
 * The signal input of a site pass: the decision time and the sites, nothing of the network (the
 * site signals read only their own figures; the snapshot's pass judges the network).
 */
export function sitePassInput(decidedAt: string, sitePower: readonly SitePowerInput[]): SignalInput {
  return {
    decidedAt,
    btcPriceUsd: Number.NaN,
    difficulty: undefined,
    projectedAdjustment: undefined,
    hashprice: undefined,
    hashRibbon: undefined,
    fleetShareNegativePct: undefined,
    fleets: [],
    sitePower,
  };
}
