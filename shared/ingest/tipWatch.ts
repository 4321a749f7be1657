/**
 * The tip watch (issue #28): a light check, every minute by default, that runs a full ingest
 * (ingest.ts: the backfill when due, then one cycle with every check) as soon as a block has
 * arrived, so a retarget or a price move reaches the compute within about a minute of its block
 * instead of waiting for the interval's scheduled cycle (5 minutes on average, 10 at worst).
 *
 * The check is two calls: one Query for the newest stored snapshot (its tip height) and mempool's
 * tip height endpoint (a few bytes of text/plain). It stores nothing itself: when the upstream
 * fails or answers something that is not a height of this chain ("abc", "-5", a height out of
 * bounds, deeper behind the stored tip than a reorg, further ahead than blocks can have come), it
 * logs an error naming the field and does nothing else; a tip at or a little behind the stored one
 * (a lagging instance) is a quiet minute. Only a tip ahead of the stored one runs the cycle, and that
 * cycle's own checks decide what is stored, exactly as on the schedule. The watch never throws on an
 * answer, so no cycle is lost to it: the interval's cycle runs on its own schedule regardless.
 *
 * Two cycles never write over the same state: every item is a conditional put on its key (the
 * snapshot's minute or interval, the rollup's day, the epoch), so a watch and a scheduled cycle in
 * the same minute store one snapshot between them, and the other reports 'duplicate'.
 *
 * The watch's cycle is keyed at its own minute (intervalStartOf(now, rateMinutes)), not at the
 * interval's start, so it is not a 'duplicate' of the scheduled snapshot of the same interval
 * (runIngestCycle.ts says why every consumer is fine with that).
 */
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import { runIngest, type IngestDeps, type IngestSummary } from './ingest';
import { MAX_TIP_REGRESSION_BLOCKS, SANITY_BOUNDS } from './snapshotChecks';

/** What the check found, and so whether it ran a cycle. */
export type TipCheckStatus =
  /** A block arrived since the newest stored snapshot: the cycle ran. */
  | 'new-tip'
  /** The stored snapshot already has this tip: nothing to do. */
  | 'same-tip'
  /** The upstream answered a tip at most a reorg's depth behind the stored one (a lagging instance): nothing done. */
  | 'behind'
  /**
   * The upstream answered a height no chain can have: outside the sanity bounds, further behind
   * the stored tip than a reorg reaches, or further ahead than blocks can have arrived. Nothing done.
   */
  | 'implausible'
  /** The tip height request failed or its answer was not a height ("abc", "-5"): nothing done. */
  | 'upstream-failed'
  /** No snapshot stored yet: the scheduled cycle makes the first (and the backfill before it). */
  | 'no-snapshot'
  /** `schedule.tipWatch.enabled` is false (the infra then makes no watch schedule): nothing done. */
  | 'disabled';

export interface TipCheck {
  status: TipCheckStatus;
  storedTipHeight?: number;
  upstreamTipHeight?: number;
}

export interface TipWatchSummary {
  watch: TipCheck;
  /** The full ingest the new tip ran (absent unless `watch.status` is 'new-tip'). */
  ingest?: IngestSummary;
}

/**
 * Blocks that may have arrived, at most, since the stored snapshot was observed: one a minute (ten
 * times the expected rate; real bursts of six blocks in ten minutes are far inside it) plus a
 * margin. A tip further ahead is an answer gone wrong, and a cycle on it would only be rejected.
 */
const MAX_BLOCKS_PER_MINUTE = 1;
const TIP_LEAD_MARGIN_BLOCKS = 6;

export function maxPlausibleTipLead(stored: NetworkSnapshot, now: Date): number {
  const minutes = Math.max(0, (now.getTime() - Date.parse(stored.observedAt)) / 60_000);
  return TIP_LEAD_MARGIN_BLOCKS + Math.ceil(minutes * MAX_BLOCKS_PER_MINUTE);
}

/** The field the watch reads, named in every refusal (the snapshot's field of the same meaning). */
const FIELD = 'tipHeight';

/** Why an upstream height cannot be a tip of this chain, or undefined when it can. */
export function implausibleTip(upstream: number, stored: NetworkSnapshot, now: Date): string | undefined {
  const { min, max } = SANITY_BOUNDS.tipHeight;
  if (!(upstream >= min && upstream <= max)) return `${FIELD} ${upstream} is outside [${min}, ${max}]`;
  if (upstream < stored.tipHeight - MAX_TIP_REGRESSION_BLOCKS)
    return `${FIELD} ${upstream} is ${stored.tipHeight - upstream} blocks behind the stored ${stored.tipHeight}, deeper than a reorg (${MAX_TIP_REGRESSION_BLOCKS} blocks)`;
  const maxLead = maxPlausibleTipLead(stored, now);
  if (upstream - stored.tipHeight > maxLead)
    return `${FIELD} ${upstream} is ${upstream - stored.tipHeight} blocks ahead of the stored ${stored.tipHeight}, more than the ${maxLead} that can have arrived since ${stored.observedAt}`;
  return undefined;
}

export async function runTipWatch(deps: IngestDeps): Promise<TipWatchSummary> {
  const { repository, sources, telemetry, now } = deps;
  if (!deps.config.schedule.tipWatch.enabled) return quiet(deps, { status: 'disabled' });
  const stored = await repository.latestSnapshot();
  if (!stored) return quiet(deps, { status: 'no-snapshot' });
  const storedTipHeight = stored.tipHeight;
  let upstreamTipHeight: number;
  try {
    upstreamTipHeight = await sources.mempool.tipHeight();
  } catch (error) {
    // Never thrown on: a failed watch must not turn into the Scheduler's retries of a stale check;
    // the next minute's check (or the interval's cycle, with its fallbacks) looks again.
    return refused(deps, { status: 'upstream-failed', storedTipHeight }, errorMessage(error));
  }
  const found = { storedTipHeight, upstreamTipHeight };
  const implausible = implausibleTip(upstreamTipHeight, stored, now);
  if (implausible) return refused(deps, { status: 'implausible', ...found }, implausible);
  if (upstreamTipHeight === storedTipHeight) return quiet(deps, { status: 'same-tip', ...found });
  if (upstreamTipHeight < storedTipHeight) {
    telemetry.warn('tip watch: the upstream tip is behind the stored one, nothing done', {
      status: 'behind',
      ...found,
    });
    return { watch: { status: 'behind', ...found } };
  }
  const watch: TipCheck = { status: 'new-tip', ...found };
  telemetry.info('tip watch: new block, running a cycle', { ...watch });
  return { watch, ingest: await runIngest({ ...deps, trigger: 'tip' }) };
}

/** A minute with nothing to do (same tip, no snapshot yet, watch disabled): an info line. */
function quiet(deps: IngestDeps, watch: TipCheck): TipWatchSummary {
  deps.telemetry.info('tip watch: nothing to do', { ...watch });
  return { watch };
}

/** An answer refused: an error line naming the field and why, and no cycle. */
function refused(deps: IngestDeps, watch: TipCheck, error: string): TipWatchSummary {
  deps.telemetry.error(`tip watch: ${FIELD} from mempool refused: ${error}`, { ...watch, field: FIELD, error });
  return { watch };
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
