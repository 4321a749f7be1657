/**
 * The projection's validation tables for docs/projection.md (generated block `projection-validation`,
 * checked against a fresh run by test/integration/local/docsNumbers.test.ts like the backtest's).
 */
import { FITTED_RESPONSE, type ResponseModel } from '../../shared/domain/projection/fittedResponse';
import {
  FIT_STARTS,
  HELD_OUT_STARTS,
  HORIZONS_DAYS,
  STRESS_EPISODES,
  bandHolds,
  difficultyErrors,
  meanErrorsPct,
  monthlyStarts,
  type StartErrors,
} from './validation';

/** Monte Carlo paths per start in the band check, and its seed. */
export const COVERAGE_PATHS = 1000;
export const COVERAGE_SEED = 20_260_101;
/** Rolling monthly starts of the band check: +90 days of observed hashprice must be in the history. */
export const COVERAGE_STARTS = monthlyStarts('2017-01-01', '2026-03-01');

const pct = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(1)}%`);
const triple = (xs: readonly (number | undefined)[]) => xs.map(pct).join(' / ');
const errorsPct = (r: StartErrors, which: 'model' | 'baseline') =>
  r[which].map((x) => (x === undefined ? undefined : (Math.exp(x) - 1) * 100));

export function projectionValidationTable(model: ResponseModel = FITTED_RESPONSE): string[] {
  const horizons = HORIZONS_DAYS.map((h) => `+${h}`).join(' / ');
  const lines = [
    `Difficulty error, |projected / chain - 1| at ${horizons} days, realized prices:`,
    '',
    `| stress start | date | set | fleet response | baseline (trailing 90-day growth) |`,
    '|---|---|---|---|---|',
  ];
  for (const e of STRESS_EPISODES) {
    const r = difficultyErrors(e.start, model);
    lines.push(
      r
        ? `| ${e.name} | ${e.start} | ${e.set} | ${triple(errorsPct(r, 'model'))} | ${triple(errorsPct(r, 'baseline'))} |`
        : `| ${e.name} | ${e.start} | ${e.set} | n/a | n/a |`,
    );
  }
  lines.push('', `| rolling monthly starts | starts | fleet response | baseline |`, '|---|---|---|---|');
  for (const [label, starts] of [
    [`${HELD_OUT_STARTS[0]!.slice(0, 7)} to ${HELD_OUT_STARTS.at(-1)!.slice(0, 7)} (held out)`, HELD_OUT_STARTS],
    [`${FIT_STARTS[0]!.slice(0, 7)} to ${FIT_STARTS.at(-1)!.slice(0, 7)} (fit)`, FIT_STARTS],
  ] as const) {
    const rows = starts.map((s) => difficultyErrors(s, model)).filter((r) => r !== undefined);
    lines.push(
      `| ${label} | ${rows.length} | ${triple(meanErrorsPct(rows, 'model'))} | ${triple(meanErrorsPct(rows, 'baseline'))} |`,
    );
  }
  lines.push(
    '',
    `Monte Carlo band (${COVERAGE_PATHS} bootstrapped price paths per start, seed ${COVERAGE_SEED}): share of starts whose observed hashprice at +90 days lies inside p10-p90 (calibrated: about 80%):`,
    '',
    '| monthly starts | starts | inside p10-p90 |',
    '|---|---|---|',
  );
  const held = new Map<string, boolean>();
  for (const s of COVERAGE_STARTS) {
    const inside = bandHolds(s, model, COVERAGE_PATHS, COVERAGE_SEED);
    if (inside !== undefined) held.set(s, inside);
  }
  const coverage = (label: string, keep: (s: string) => boolean) => {
    const xs = [...held].filter(([s]) => keep(s));
    const inside = xs.filter(([, v]) => v).length;
    lines.push(`| ${label} | ${xs.length} | ${inside} (${pct((inside / xs.length) * 100)}) |`);
  };
  coverage('2017-01 to 2020-10 (held out)', (s) => s <= '2020-10-01');
  coverage('2020-11 to 2021-07 (horizon reaches the China ban)', (s) => s > '2020-10-01' && s < '2021-08-01');
  coverage(`2021-08 to ${COVERAGE_STARTS.at(-1)!.slice(0, 7)} (fit period)`, (s) => s >= '2021-08-01');
  coverage('all', () => true);
  return lines;
}
