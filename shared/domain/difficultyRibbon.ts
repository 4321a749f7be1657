/**
 * Difficulty Ribbon (Willy Woo, 2019): simple moving averages of daily mining difficulty over 9, 14,
 * 25, 40, 60, 90, 128 and 200 days. When miners capitulate, difficulty stops climbing and the
 * ribbon compresses; historically those zones were good times to buy.
 *
 * Compression ("Difficulty Ribbon Compression", Glassnode): the standard deviation of the eight
 * SMAs divided by their mean, i.e. their coefficient of variation; readings below about 0.05 mark
 * strong compression. We use the population standard deviation (over exactly the eight SMAs).
 * Sources: charts.woobull.com/bitcoin-difficulty-ribbon (the ribbon, "simple moving averages of
 * Bitcoin network difficulty"); the definition of compression as "the standard deviation of all
 * eight moving averages divided by their mean", with Glassnode's 0.05 threshold, as described at
 * https://bit-by-bitcoin.pages.dev/bitcoin-encyclopedia/difficulty-ribbon-deep-dive/ (Glassnode's
 * own metric page was not available to us; the definition matches its name and its 0..~0.3 range).
 */
import { simpleMovingAverage } from './movingAverage';

export const DIFFICULTY_RIBBON_WINDOWS_DAYS = [9, 14, 25, 40, 60, 90, 128, 200] as const;
/** Compression below this has been read as a strong "ribbon compressed" zone (Glassnode's buy zone). */
export const DIFFICULTY_RIBBON_COMPRESSION_BUY_ZONE = 0.05;

export interface DifficultyRibbonDay {
  /** The SMAs in the order of DIFFICULTY_RIBBON_WINDOWS_DAYS; undefined until that window is full. */
  smas: (number | undefined)[];
  /** Std dev / mean of the eight SMAs; undefined until all eight exist (200 known days). */
  compression: number | undefined;
}

/** Population standard deviation over mean of `values` (non-empty, positive mean). */
export function coefficientOfVariation(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('coefficient of variation of an empty set');
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  if (!(mean > 0)) throw new RangeError(`coefficient of variation needs a positive mean, got ${mean}`);
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

/** The ribbon for a daily difficulty series (one entry per consecutive UTC day). */
export function difficultyRibbon(dailyDifficulty: readonly (number | undefined)[]): DifficultyRibbonDay[] {
  const series = DIFFICULTY_RIBBON_WINDOWS_DAYS.map((window) => simpleMovingAverage(dailyDifficulty, window));
  return dailyDifficulty.map((_, i) => {
    const smas = series.map((sma) => sma[i]);
    const complete = smas.every((v): v is number => v !== undefined);
    return { smas, compression: complete ? coefficientOfVariation(smas as number[]) : undefined };
  });
}
