/**
 * One ingest cycle: collect the figures (collectFigures.ts runs the rounds their declarations in
 * figures.ts imply: the primaries at once, the fallbacks only where a primary failed, the price
 * cross-checked), make the snapshot with the domain's one constructor, validate it against the
 * last stored snapshot (snapshotChecks.ts), and store exactly one snapshot per interval, after the
 * daily rollup of a day that just closed (dailyRollup.ts) and the epoch that just began
 * (runningEpoch.ts), when there are.
 */
import type { IngestConfig } from '../config/ingestConfig';
import {
  networkSnapshot,
  networkSnapshotSchema,
  type NetworkSnapshot,
  type SnapshotFigures,
} from '../domain/networkSnapshot';
import { SECONDS_PER_DAY } from '../domain/units';
import { collectFigures, type CollectedFigures } from './collectFigures';
import { closedDayRollups } from './dailyRollup';
import type { IngestSources, NetworkRepository, PutOutcome } from './ports';
import { runningEpochRow } from './runningEpoch';
import { checkSnapshot, tipSeenSince } from './snapshotChecks';
import type { IngestTelemetry } from './telemetry';

export interface IngestCycleResult {
  status: 'stored' | 'duplicate' | 'rejected';
  intervalStart: string;
  itemsWritten: number;
  /** Why the snapshot was not stored (status 'rejected'). */
  reasons: string[];
  snapshot?: NetworkSnapshot;
  fallbacksUsed: string[];
  dailyWritten: string[];
  epochWritten?: number;
}

/** What started a cycle: the interval's schedule, or the tip watch on a new block (tipWatch.ts). */
export type CycleTrigger = 'schedule' | 'tip';

export interface IngestCycleDeps {
  sources: IngestSources;
  repository: NetworkRepository;
  config: IngestConfig;
  telemetry: IngestTelemetry;
  now: Date;
  /** Default 'schedule'. */
  trigger?: CycleTrigger;
}

export function intervalStartOf(now: Date, intervalMinutes: number): Date {
  const intervalMs = intervalMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
}

/**
 * A snapshot's key. The schedule's cycle is keyed at its interval's start; the tip watch's at its
 * own minute (the watch's rate), so a block arriving mid-interval gets a snapshot of its own rather
 * than a 'duplicate' of the scheduled one. Still exactly one snapshot per key: a retried or
 * overlapping run of either kind in the same minute (or interval) meets the conditional put. When
 * the watch and the schedule fall in the same minute as the interval's start they share the key,
 * and whichever stores second is the duplicate: the same minute's figures either way.
 *
 * Why nothing downstream minds snapshots closer than an interval apart: the compute writes one
 * profitability record per snapshot, keyed by the snapshot's key; events are identified by their
 * decision, not by a count of snapshots; the signals' dwells are hours of time (pendingCommit.ts),
 * not a number of evaluations; daily rollups and epochs are keyed by date and epoch, written once;
 * each snapshot's TTL runs from its own key, so retention is unchanged in days.
 */
export function snapshotKeyOf(now: Date, config: IngestConfig, trigger: CycleTrigger): string {
  const minutes = trigger === 'tip' ? config.schedule.tipWatch.rateMinutes : config.schedule.intervalMinutes;
  return intervalStartOf(now, minutes).toISOString();
}

export async function runIngestCycle(deps: IngestCycleDeps): Promise<IngestCycleResult> {
  const { repository, config, telemetry, now } = deps;
  const intervalStart = snapshotKeyOf(now, config, deps.trigger ?? 'schedule');
  const collected = await collectFigures(deps);
  const { stored, answers, failures, fallbacksUsed, tipCrossCheck } = collected;
  const { last, lastDaily, lastEpoch } = stored;
  reportSourcing(telemetry, collected, config.validation.priceTolerancePct);

  const built = buildSnapshot(intervalStart, now, collected);
  const reasons =
    built.problems.length > 0 || !built.snapshot
      ? built.problems
      : checkSnapshot(built.snapshot, last, config.validation, now, {
          lastEpoch,
          crossCheckTip: tipCrossCheck.answer,
        });
  if (tipCrossCheck.needed && !tipCrossCheck.answer)
    telemetry.warn('tip not cross-checked', { tipHeight: answers['tip-height'] });
  if (!built.snapshot || reasons.length > 0) {
    telemetry.count('SnapshotRejected');
    telemetry.warn('snapshot rejected', { intervalStart, reasons, failures });
    reportFreshness(telemetry, last, now);
    return { status: 'rejected', intervalStart, itemsWritten: 0, reasons, fallbacksUsed, dailyWritten: [] };
  }
  const seenSince = tipSeenSince(built.snapshot, last);
  const snapshot: NetworkSnapshot = seenSince ? { ...built.snapshot, tipSeenSince: seenSince } : built.snapshot;

  // Rollups and epochs first: compute, woken by the snapshot's INSERT, reads them.
  let itemsWritten = 0;
  const dailyWritten: string[] = [];
  const rollups = closedDayRollups({
    hashrate: answers.hashrate,
    blocks: answers['block-fees'],
    lastDaily,
    snapshot,
    now,
    graceMs: config.schedule.dailyRollupGraceMinutes * 60_000,
    telemetry,
  });
  for (const day of rollups) {
    if ((await repository.putDaily(day)) === 'stored') {
      itemsWritten += 1;
      dailyWritten.push(day.date);
    }
  }
  let epochWritten: number | undefined;
  const epoch = runningEpochRow(answers['difficulty-adjustment'], snapshot, last, lastEpoch);
  if (epoch && (await repository.putEpoch(epoch)) === 'stored') {
    itemsWritten += 1;
    epochWritten = epoch.epoch;
  }

  const expiresAt =
    Math.floor(Date.parse(intervalStart) / 1000) + config.storage.rawSnapshotRetentionDays * SECONDS_PER_DAY;
  const outcome: PutOutcome = await repository.putSnapshot(snapshot, expiresAt);
  if (outcome === 'stored') {
    itemsWritten += 1;
    telemetry.count('SnapshotStored');
    telemetry.info('snapshot stored', { intervalStart, sources: snapshot.sources, flags: snapshot.flags });
    reportFreshness(telemetry, snapshot, now);
  } else {
    telemetry.count('SnapshotDuplicate');
    telemetry.info('snapshot already stored for this interval', { intervalStart });
    reportFreshness(telemetry, (await repository.getSnapshot(intervalStart)) ?? last, now);
  }
  return {
    status: outcome,
    intervalStart,
    itemsWritten,
    reasons: [],
    snapshot,
    fallbacksUsed,
    dailyWritten,
    ...(epochWritten !== undefined ? { epochWritten } : {}),
  };
}

/** The snapshot of the collected figures, parsed by its schema; or why there is none. */
function buildSnapshot(
  intervalStart: string,
  now: Date,
  collected: CollectedFigures,
): { snapshot?: NetworkSnapshot; problems: string[] } {
  if (collected.problems.length > 0) return { problems: collected.problems };
  // No problem: every declared figure was taken, and the declarations cover every figure (figures.ts).
  const figures = collected.figures as SnapshotFigures;
  const parsed = networkSnapshotSchema.safeParse(
    networkSnapshot({
      intervalStart,
      observedAt: now.toISOString(),
      ...figures,
      sources: collected.sources,
      flags: collected.flags,
    }),
  );
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  return { snapshot: parsed.data, problems: [] };
}

/** The fallbacks used, the failed requests and a price the sources disagree on, for the alarms and logs. */
function reportSourcing(telemetry: IngestTelemetry, collected: CollectedFigures, priceTolerancePct: number): void {
  const { fallbacksUsed, failures, price } = collected;
  if (fallbacksUsed.length > 0) {
    telemetry.count('FallbackUsed', fallbacksUsed.length);
    telemetry.warn('fallback used', { fallbacksUsed, failures });
  } else if (failures.length > 0) {
    telemetry.warn('source failures', { failures });
  }
  const { decision, quotes } = price;
  if (decision?.disagreement) {
    telemetry.count('PriceSourcesDisagree');
    telemetry.warn('price sources disagree', {
      quotes: quotes.map((q) => ({ source: q.source, priceUsd: q.priceUsd })),
      tolerancePct: priceTolerancePct,
      chosen: decision.chosen.source,
      confirmedBy: decision.confirmedBy?.source,
    });
  }
}

/**
 * dataFreshnessSeconds: the age of the newest stored chain data, from its tip block's time (or,
 * when mempool's list did not have that block, from when the ingest first saw the tip).
 */
function reportFreshness(telemetry: IngestTelemetry, newest: NetworkSnapshot | undefined, now: Date): void {
  if (!newest) return;
  const dataTime = newest.tipBlockTime ?? newest.tipSeenSince ?? newest.observedAt;
  telemetry.freshness(Math.max(0, (now.getTime() - Date.parse(dataTime)) / 1000));
}
