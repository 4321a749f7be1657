/**
 * What the report's charts mark on their time axis: every signal's episodes (raised .. cleared, as
 * the summary lists them) with one colour per signal, and the halvings inside the range.
 */
import type { SignalId } from '../../shared/domain/signals/signalIds';
import { halvingHeight, halvingsAt } from '../../shared/domain/subsidy';
import type { BacktestSummary } from './summary';

const DAY_MS = 86_400_000;
const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/**
 * One colour per signal (a Record over every id, so a new signal does not build until it has one),
 * distinct enough to tell apart where two signals' bands overlap.
 */
export const SIGNAL_COLORS: Record<SignalId, string> = {
  'difficulty-negative-streak': '#1f77b4',
  'projected-negative-adjustment': '#17becf',
  'hashprice-floor': '#e377c2',
  'hash-ribbon-capitulation': '#d62728',
  'fleet-share-negative': '#ff7f0e',
  'fleet-break-even-breach': '#8c564b',
  'projected-fleet-loss': '#bcbd22',
  'production-cost-above-price': '#9467bd',
  'price-level': '#7f7f7f',
  'site-conversion-advantage': '#2ca02c',
  'miner-treasury-liquidation': '#393b79',
  'miner-selling-pressure': '#ad494a',
  'site-power-stale': '#c5b0d5',
  'site-curtail': '#e7969c',
  'site-resume': '#98df8a',
};

/**
 * Which daily charts shade a signal's episodes: the chart that shows the figure the signal watches
 * (every signal's episodes are also on the "Signal episodes" lanes, the miner signals only there).
 */
export const SIGNAL_CHARTS: Record<SignalId, readonly string[]> = {
  'difficulty-negative-streak': ['difficulty'],
  'projected-negative-adjustment': ['difficulty'],
  'hashprice-floor': ['hashprice'],
  'hash-ribbon-capitulation': ['hashprice', 'hashrate'],
  'fleet-share-negative': ['fleet-share-negative'],
  'fleet-break-even-breach': ['fleet-share-negative'],
  'projected-fleet-loss': ['fleet-share-negative'],
  'production-cost-above-price': ['price'],
  'price-level': ['price'],
  'site-conversion-advantage': ['hashprice'],
  'miner-treasury-liquidation': [],
  'miner-selling-pressure': [],
  // The sites' power signals judge a site's own power prices, which no chart of the report shows.
  'site-power-stale': [],
  'site-curtail': [],
  'site-resume': [],
};

export interface EpisodeBand {
  signal: SignalId;
  /** Epoch ms of the raise's day, clipped to the report's first day. */
  fromT: number;
  /** Epoch ms of the day after the clear (or after the report's last day while still active). */
  toT: number;
  label: string;
}

/**
 * Every episode the summary lists as a band. An episode raised in the warm-up starts at the
 * report's first day; one still active at the end runs to the report's last day.
 */
export function signalEpisodeBands(summary: Pick<BacktestSummary, 'episodes' | 'from' | 'to'>): EpisodeBand[] {
  return summary.episodes.map((e) => ({
    signal: e.signal,
    fromT: Math.max(dayMs(e.raisedAt), dayMs(summary.from)),
    toT: dayMs(e.clearedAt ?? summary.to) + DAY_MS,
    label: `${e.signal}${e.subject ? ` [${e.subject}]` : ''} ${e.raisedAt} .. ${e.clearedAt ?? 'still active'} (${e.peakSeverity})`,
  }));
}

export interface HalvingMarker {
  /** 1 for the first halving (block 210,000). */
  n: number;
  height: number;
  /** The UTC day whose blocks reached the halving height. */
  date: string;
}

/**
 * The halvings inside a run of days: the day whose last block height crosses a multiple of the
 * halving interval (the schedule's one home, shared/domain/subsidy.ts). Days without a height are
 * skipped; the day before the range tells whether its first day crossed one.
 */
export function halvingsIn(
  days: readonly { date: string; endHeight: number | undefined }[],
  dayBefore?: { endHeight: number | undefined },
): HalvingMarker[] {
  const markers: HalvingMarker[] = [];
  let previous = dayBefore?.endHeight;
  for (const day of days) {
    if (day.endHeight === undefined) continue;
    if (previous !== undefined)
      for (let n = halvingsAt(previous) + 1; n <= halvingsAt(day.endHeight); n += 1)
        markers.push({ n, height: halvingHeight(n), date: day.date });
    previous = day.endHeight;
  }
  return markers;
}
