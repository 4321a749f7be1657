/**
 * Protocol constants and unit conversions. Hashrate is carried in H/s everywhere inside the code;
 * these helpers exist so that a TH/s, PH/s or EH/s figure is converted in exactly one place.
 */

export const SATS_PER_BTC = 100_000_000;
export const SECONDS_PER_DAY = 86_400;
export const MS_PER_DAY = SECONDS_PER_DAY * 1000;
export const MS_PER_HOUR = 3_600_000;
/** Difficulty 1 corresponds to 2^32 expected hashes per block (Bitcoin Core `GetDifficulty`). */
export const HASHES_PER_DIFFICULTY_UNIT = 2 ** 32;
export const TARGET_BLOCK_INTERVAL_SECONDS = 600;
export const BLOCKS_PER_EPOCH = 2016;
/** Two weeks: the timespan an epoch of 2016 blocks should take. */
export const TARGET_EPOCH_TIMESPAN_SECONDS = BLOCKS_PER_EPOCH * TARGET_BLOCK_INTERVAL_SECONDS;
export const BLOCKS_PER_HALVING = 210_000;
export const HOURS_PER_DAY = 24;
/** An average calendar month, 365.25 / 12 days. */
export const DAYS_PER_MONTH = 365.25 / 12;

export const HPS_PER_THS = 1e12;
export const HPS_PER_PHS = 1e15;
export const HPS_PER_EHS = 1e18;

export const thsToHps = (ths: number): number => ths * HPS_PER_THS;
export const hpsToThs = (hps: number): number => hps / HPS_PER_THS;
export const hpsToPhs = (hps: number): number => hps / HPS_PER_PHS;
export const hpsToEhs = (hps: number): number => hps / HPS_PER_EHS;
export const ehsToHps = (ehs: number): number => ehs * HPS_PER_EHS;

export const satsToBtc = (sats: number): number => sats / SATS_PER_BTC;
export const btcToSats = (btc: number): number => Math.round(btc * SATS_PER_BTC);

/**
 * Fractions (0.15) inside the domain's formulas, percent (15) in config, stored records, events
 * and reports: converted here and nowhere else.
 */
export const fractionToPct = (fraction: number): number => fraction * 100;
export const pctToFraction = (pct: number): number => pct / 100;

/** The UTC date (YYYY-MM-DD) of a time in milliseconds since the epoch. */
export const isoDateOfMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A figure per PH/s as the same figure per TH/s (1 PH/s = 1000 TH/s). */
export const TH_PER_PH = 1000;
export const perPhToPerTh = (perPh: number): number => perPh / TH_PER_PH;

/** Power prices: USD per MWh inside the code; a price per kWh (or in cents per kWh) converts here. */
export const KWH_PER_MWH = 1000;
export const CENTS_PER_USD = 100;
export const usdPerKwhToUsdPerMwh = (usdPerKwh: number): number => usdPerKwh * KWH_PER_MWH;
export const centsPerKwhToUsdPerMwh = (centsPerKwh: number): number => (centsPerKwh / CENTS_PER_USD) * KWH_PER_MWH;
