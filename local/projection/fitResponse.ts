/**
 * The fit of the fleet response (shared/domain/projection/fittedResponse.ts): a grid over the
 * responsive fraction, the lag and the supply window, scored by the mean absolute log error of the
 * projected difficulty at +30, +90 and +180 days over the monthly starts from August 2021 on (after
 * the China ban, which was not economic) with realized prices. 2016-2020 plays no part.
 * `npx tsx local/projection/fitResponse.ts` prints the ranking; the winner is written by hand into
 * fittedResponse.ts, and test/integration/local/projectionFit.test.ts checks it is still the winner.
 */
import type { ResponseModel } from '../../shared/domain/projection/fittedResponse';
import { runWhenEntryPoint } from '../runCli';
import { FIT_STARTS, HORIZONS_DAYS, difficultyErrors, meanErrorsPct } from './validation';

export const RESPONSIVE_FRACTIONS = [0, 0.25, 0.5, 0.75, 1] as const;
export const LAG_DAYS = [3, 7, 14, 30, 60] as const;
export const SUPPLY_WINDOWS_DAYS = [90, 180, 365] as const;

export interface FitCandidate {
  model: ResponseModel;
  /** Mean absolute error per horizon, percent, over the fit starts. */
  errorsPct: number[];
  /** Sum of the three horizons' errors: the score minimized. */
  score: number;
}

export function fitCandidates(): FitCandidate[] {
  const out: FitCandidate[] = [];
  for (const responsiveFraction of RESPONSIVE_FRACTIONS)
    for (const lagDays of LAG_DAYS)
      for (const supplyWindowDays of SUPPLY_WINDOWS_DAYS) {
        const model: ResponseModel = { response: { responsiveFraction, lagDays }, supplyWindowDays };
        const rows = FIT_STARTS.map((s) => difficultyErrors(s, model)).filter((r) => r !== undefined);
        const errorsPct = meanErrorsPct(rows, 'model').map((e) => e ?? Number.POSITIVE_INFINITY);
        out.push({ model, errorsPct, score: errorsPct.reduce((s, e) => s + e, 0) });
      }
  return out.sort((a, b) => a.score - b.score);
}

export async function main(): Promise<number> {
  for (const c of fitCandidates().slice(0, 10)) {
    const { responsiveFraction, lagDays } = c.model.response;
    console.log(
      `responsiveFraction ${responsiveFraction} lagDays ${lagDays} supplyWindowDays ${c.model.supplyWindowDays}: ` +
        HORIZONS_DAYS.map((h, k) => `+${h} d ${c.errorsPct[k]!.toFixed(1)}%`).join(', '),
    );
  }
  return 0;
}

runWhenEntryPoint(import.meta.url, main);
