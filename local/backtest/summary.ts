/**
 * What a backtest tells its reader: the timeline of events, the episodes they form (raised ...
 * cleared) per signal, and the realized hashprice low and high of each calendar year.
 */
import type { Severity, SignalId, Transition } from '../../shared/domain/signals/signalIds';
import { severityRank } from '../../shared/domain/signals/signalIds';
import type { Figure } from '../../shared/domain/signals/figure';

/** One event of the replay, flattened for printing; `document` is what SNS subscribers receive. */
export interface TimelineEvent {
  /** Decision time (the document's occurredAt). */
  at: string;
  /** The UTC day of data that decided it (a daily replay decides at the day's close, 00:00Z next day). */
  day: string;
  signal: SignalId;
  subject: string;
  severity: Severity;
  transition: Transition;
  /** Short human text (the e-mail subject). */
  headline: string;
  /** The event's figures as data (figure.ts): what the report lays out, never read back from `headline`. */
  figures: readonly Figure[];
  document: unknown;
}

export interface Episode {
  signal: SignalId;
  subject: string;
  /** Day of data of the raise. */
  raisedAt: string;
  /** Day of data of the clear; undefined while still active at the end of the replay. */
  clearedAt: string | undefined;
  peakSeverity: Severity;
  /** The figures of the event that raised it: why it was raised. */
  figures: readonly Figure[];
}

export interface YearRange {
  year: number;
  low: { date: string; usdPerPhDay: number };
  high: { date: string; usdPerPhDay: number };
}

export interface BacktestSummary {
  from: string;
  to: string;
  snapshots: number;
  events: number;
  episodesBySignal: Partial<Record<SignalId, number>>;
  episodes: Episode[];
  hashpriceByYear: YearRange[];
}

export function episodesOf(events: readonly TimelineEvent[]): Episode[] {
  const open = new Map<string, Episode>();
  const episodes: Episode[] = [];
  for (const e of events) {
    const key = `${e.signal}#${e.subject}`;
    const current = open.get(key);
    if (e.transition === 'raised' || (e.transition === 'escalated' && !current)) {
      const episode: Episode = {
        signal: e.signal,
        subject: e.subject,
        raisedAt: e.day,
        clearedAt: undefined,
        peakSeverity: e.severity,
        figures: e.figures,
      };
      open.set(key, episode);
      episodes.push(episode);
    } else if (e.transition === 'escalated' && current) {
      if (severityRank(e.severity) > severityRank(current.peakSeverity)) current.peakSeverity = e.severity;
    } else if (e.transition === 'cleared' && current) {
      current.clearedAt = e.day;
      open.delete(key);
    }
  }
  return episodes;
}

export function hashpriceRangeByYear(
  days: readonly { date: string; realizedHashpriceUsdPerPhDay: number | undefined }[],
): YearRange[] {
  const byYear = new Map<number, YearRange>();
  for (const d of days) {
    const v = d.realizedHashpriceUsdPerPhDay;
    if (v === undefined) continue;
    const year = Number(d.date.slice(0, 4));
    const current = byYear.get(year);
    if (!current) {
      byYear.set(year, { year, low: { date: d.date, usdPerPhDay: v }, high: { date: d.date, usdPerPhDay: v } });
      continue;
    }
    if (v < current.low.usdPerPhDay) current.low = { date: d.date, usdPerPhDay: v };
    if (v > current.high.usdPerPhDay) current.high = { date: d.date, usdPerPhDay: v };
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export function summarize(input: {
  from: string;
  to: string;
  snapshots: number;
  events: readonly TimelineEvent[];
  /** Events of the warm-up before `from`: an episode they opened and the range continues is counted. */
  warmupEvents?: readonly TimelineEvent[];
  days: readonly { date: string; realizedHashpriceUsdPerPhDay: number | undefined }[];
}): BacktestSummary {
  const episodes = episodesOf([...(input.warmupEvents ?? []), ...input.events]).filter(
    (e) => e.clearedAt === undefined || e.clearedAt >= input.from,
  );
  const episodesBySignal: Partial<Record<SignalId, number>> = {};
  for (const e of episodes) episodesBySignal[e.signal] = (episodesBySignal[e.signal] ?? 0) + 1;
  return {
    from: input.from,
    to: input.to,
    snapshots: input.snapshots,
    events: input.events.length,
    episodesBySignal,
    episodes,
    hashpriceByYear: hashpriceRangeByYear(input.days),
  };
}

const usd = (v: number): string => `$${v.toFixed(2)}`;
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A fact of history shown in the timeline for context (not an event: nothing is published). */
export interface TimelineNote {
  day: string;
  text: string;
}

/** The timeline as readable lines, one per event, with context notes merged in by day. */
export function formatTimeline(events: readonly TimelineEvent[], notes: readonly TimelineNote[] = []): string[] {
  const rows: { day: string; order: number; line: string }[] = [];
  notes.forEach((n, i) =>
    rows.push({
      day: n.day,
      order: i - notes.length,
      line: `${n.day}  ·         ${' '.repeat(8)} ${'(history)'.padEnd(30)} ${n.text}`,
    }),
  );
  events.forEach((e, i) => {
    const mark = e.transition === 'cleared' ? 'cleared  ' : e.transition === 'escalated' ? 'ESCALATED' : 'RAISED   ';
    const sev = e.transition === 'cleared' ? '        ' : e.severity.padEnd(8);
    rows.push({ day: e.day, order: i, line: `${e.day}  ${mark} ${sev} ${e.signal.padEnd(30)} ${e.headline}` });
  });
  rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.order - b.order));
  return rows.map((r) => r.line);
}

/**
 * Episodes raised per signal and calendar year (by the raise's day; an episode carried in from the
 * warm-up counts in the year it was raised): the table of how often each signal marks stress.
 */
export function episodesPerYear(summary: Pick<BacktestSummary, 'episodes'>): {
  years: number[];
  rows: { signal: SignalId; counts: number[]; total: number }[];
} {
  const years = [...new Set(summary.episodes.map((e) => Number(e.raisedAt.slice(0, 4))))].sort((a, b) => a - b);
  const first = years[0];
  const last = years.at(-1);
  const allYears =
    first === undefined || last === undefined ? [] : Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const signals = [...new Set(summary.episodes.map((e) => e.signal))].sort();
  return {
    years: allYears,
    rows: signals.map((signal) => {
      const counts = allYears.map(
        (y) => summary.episodes.filter((e) => e.signal === signal && Number(e.raisedAt.slice(0, 4)) === y).length,
      );
      return { signal, counts, total: counts.reduce((a, b) => a + b, 0) };
    }),
  };
}

/** The per-year table as Markdown (the docs carry it; the CLI prints it with --episodes-by-year). */
export function formatEpisodesPerYear(summary: Pick<BacktestSummary, 'episodes'>): string[] {
  const t = episodesPerYear(summary);
  return [
    `| signal | ${t.years.join(' | ')} | total |`,
    `|---|${t.years.map(() => '---:').join('|')}|---:|`,
    ...t.rows.map((r) => `| ${r.signal} | ${r.counts.join(' | ')} | ${r.total} |`),
  ];
}

/** Days a list of episodes was active inside the range (one carried in from the warm-up counts from `from`). */
export function activeDaysInRange(
  summary: Pick<BacktestSummary, 'from' | 'to'>,
  episodes: readonly Pick<Episode, 'raisedAt' | 'clearedAt'>[],
): number {
  return episodes.reduce(
    (sum, e) => sum + daysBetween(e.raisedAt < summary.from ? summary.from : e.raisedAt, e.clearedAt ?? summary.to),
    0,
  );
}

export function formatSummary(summary: BacktestSummary): string[] {
  const lines: string[] = [];
  lines.push(
    `Backtest ${summary.from} .. ${summary.to}: ${summary.snapshots} snapshots, ${summary.events} event${summary.events === 1 ? '' : 's'}`,
  );
  lines.push('Episodes per signal (raised .. cleared):');
  const signals = Object.keys(summary.episodesBySignal).sort() as SignalId[];
  if (signals.length === 0) lines.push('  (none)');
  for (const signal of signals) {
    const list = summary.episodes.filter((e) => e.signal === signal);
    const spans = list.map((e) => `${e.raisedAt}..${e.clearedAt ?? 'active'}`);
    const activeDays = activeDaysInRange(summary, list);
    const n = summary.episodesBySignal[signal] ?? 0;
    lines.push(
      `  ${signal.padEnd(30)} ${String(n).padStart(3)} episode${n === 1 ? ' ' : 's'}, ${activeDays} days active`,
    );
    for (let i = 0; i < spans.length; i += 4) lines.push(`      ${spans.slice(i, i + 4).join(', ')}`);
  }
  if (signals.length > 0) {
    lines.push('Episodes raised per year:');
    for (const line of formatEpisodesPerYear(summary)) lines.push(`  ${line}`);
  }
  lines.push('Realized hashprice per year (USD/PH/day):');
  for (const y of summary.hashpriceByYear) {
    lines.push(
      `  ${y.year}  low ${usd(y.low.usdPerPhDay).padStart(8)} on ${y.low.date}   high ${usd(y.high.usdPerPhDay).padStart(8)} on ${y.high.date}`,
    );
  }
  return lines;
}
