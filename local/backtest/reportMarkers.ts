/**
 * What the report's charts mark on their time axis: every signal's episodes (raised .. cleared, as
 * the summary lists them) in the colour and on the charts its definition declares, and the
 * halvings inside the range.
 */
import { DETECTORS } from '../../shared/domain/signals/detectors';
import type { Figure } from '../../shared/domain/signals/figure';
import type { SignalId } from '../../shared/domain/signals/signalIds';
import type { WatchedFigure } from '../../shared/domain/signals/watchedFigure';
import { halvingHeight, halvingsAt } from '../../shared/domain/subsidy';
import type { BacktestSummary } from './summary';

const DAY_MS = 86_400_000;
const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** The report's daily charts that a signal's episodes can shade (htmlReport.ts reportCharts ids). */
export type EpisodeChartId = 'hashprice' | 'hashrate' | 'difficulty' | 'price' | 'fleet-share-negative';

/**
 * Which daily charts draw each figure a signal can watch (watchedFigure.ts): the one mapping from
 * what a signal declares it watches to where the report shades its episodes. Every signal's
 * episodes are also on the "Signal episodes" lanes; those whose figure no daily chart draws are
 * only there.
 */
const CHARTS_OF_FIGURE: Readonly<Record<WatchedFigure, readonly EpisodeChartId[]>> = {
  hashprice: ['hashprice'],
  hashrate: ['hashrate'],
  difficulty: ['difficulty'],
  'btc-price': ['price'],
  // The global fleet's share under water is charted; an owner fleet's economics move with it.
  'fleet-economics': ['fleet-share-negative'],
  // The listed miners' panel is its own (monthly) section, not a daily chart.
  'miner-sales': [],
  // A site's own power prices are not on any chart of the report.
  'site-power-price': [],
};

/** The daily charts that shade a signal's episodes: those of the figures its definition watches. */
export function signalCharts(signal: SignalId): readonly EpisodeChartId[] {
  return DETECTORS[signal].watches.flatMap((figure) => CHARTS_OF_FIGURE[figure]);
}

/** A signal's colour in the report, as its definition declares it. */
export function signalColor(signal: SignalId): string {
  return DETECTORS[signal].color;
}

export interface EpisodeBand {
  signal: SignalId;
  /** Epoch ms of the raise's day, clipped to the report's first day. */
  fromT: number;
  /** Epoch ms of the day after the clear (or after the report's last day while still active). */
  toT: number;
  label: string;
  /** The figures of the event that raised it (the report lays them out beside the band). */
  figures: readonly Figure[];
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
    figures: e.figures,
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
