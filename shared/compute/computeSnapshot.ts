/**
 * The compute use case, run for every new network snapshot:
 *   1. read the daily rollups and recent epochs; build and store the profitability record;
 *   2. evaluate the signals against the stored states;
 *   3. commit each changed state with its event (if any) and an outbox entry, atomically and
 *      under optimistic concurrency (the state's version);
 *   4. drain the outbox: claim each pending event, publish it, mark it published.
 *
 * Why this is exactly-once (the issue's three cases):
 * - The same record delivered twice: the engine ignores a decision time at or before the state's
 *   last one, so the replay commits nothing new; step 4 still publishes what is pending.
 * - A crash between the write (3) and the publish (4): the event sits in the outbox; the retry of
 *   the record (or any later compute) publishes it. Lost never; published once unless the crash
 *   falls between SNS accepting it and our "published" mark, where the stable event id lets
 *   subscribers drop the repeat (no transport can close that last window).
 * - Two computes on the same snapshot: both evaluate the same transition with the same event id,
 *   but only one wins the state's version check; the loser re-reads, finds the decision already
 *   made, and commits nothing. Publishing is claimed with a conditional update (a lease), so only
 *   one of them publishes.
 */
import { randomUUID } from 'node:crypto';
import type { ComputeConfig } from '../config/computeConfig';
import { HASH_RIBBON_SLOW_DAYS } from '../domain/hashRibbons';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import { PUELL_WINDOW_DAYS } from '../domain/puellMultiple';
import type { SignalEvent } from '../domain/signals/eventDocument';
import { evaluateSignals } from '../domain/signals/evaluateSignals';
import { HASHPRICE_MEAN_DAYS } from '../domain/signals/signalInput';
import { SIGNAL_IDS, type Severity, type SignalId } from '../domain/signals/signalIds';
import type { SignalState } from '../domain/signals/signalState';
import type {
  EventSink,
  NetworkHistoryReader,
  OutboxEntry,
  OutboxStore,
  ProfitabilityStore,
  SignalStateStore,
} from './ports';
import { decideSitePower, type SitePowerDependencies } from './computeSitePower';
import { commitEvaluation } from './commitEvaluation';
import { snapshotSignalInput } from './signalInput.mapper';
import { fleetLossOutlooks } from './fleetLossOutlook';
import { minerSignalsDue } from './minerSignalsDue';
import { buildProfitabilityRecord, type ProfitabilityReference } from './profitabilityRecord';
import type { ProfitabilityRecord } from '../store/profitabilityRecord';
import { MS_PER_DAY } from '../domain/units';

export interface ComputeDependencies {
  history: NetworkHistoryReader;
  profitability: ProfitabilityStore;
  states: SignalStateStore;
  outbox: OutboxStore;
  sink: EventSink;
  config: ComputeConfig;
  reference: ProfitabilityReference;
  /** Clock for publish leases and timestamps (never for decisions: those use the snapshot's time). */
  nowMs?: () => number;
  /** How long a publish claim holds before another worker may take the event over. */
  publishLeaseMs?: number;
  /** The market-priced sites and their stored prices (absent: no site is decided). */
  sitePower?: SitePowerDependencies;
}

export interface ComputeOutcome {
  record: ProfitabilityRecord;
  /** Events this compute recorded (its transitions). */
  recorded: SignalEvent[];
  drain: DrainOutcome;
  /** Severity of each signal's most severe active subject after this compute (null: clear). */
  activeBySignal: Record<SignalId, Severity | null>;
}

export interface DrainOutcome {
  published: SignalEvent[];
  failed: { eventId: string; error: string }[];
  /** Events set aside because this build cannot read them (status `unpublishable`). */
  setAside?: { eventId: string; error: string }[];
  /** Set when the drain stopped at an event another worker holds (the rest wait for it). */
  heldBy?: string;
  /**
   * Decision time of the oldest event still pending after the drain (failed, held, or beyond
   * this drain's batch); absent when the outbox is empty. Its age is the outbox-age metric.
   */
  oldestPendingAt?: string;
}

export class PublishFailedError extends Error {
  constructor(readonly failures: DrainOutcome['failed']) {
    super(
      `publishing ${failures.length} event(s) failed; they stay in the outbox: ${failures.map((f) => `${f.eventId}: ${f.error}`).join('; ')}`,
    );
    this.name = 'PublishFailedError';
  }
}

export const DEFAULT_PUBLISH_LEASE_MS = 5 * 60_000;
const DRAIN_BATCH = 25;
/** Epochs read for the streak: more than any run of negative adjustments on record. */
export const EPOCHS_READ = 64;
const DAYS_READ = Math.max(PUELL_WINDOW_DAYS, HASHPRICE_MEAN_DAYS, HASH_RIBBON_SLOW_DAYS) + 2;

function activeBySignal(states: Iterable<SignalState>): Record<SignalId, Severity | null> {
  const out = Object.fromEntries(SIGNAL_IDS.map((id) => [id, null])) as Record<SignalId, Severity | null>;
  for (const s of states) {
    if (s.status !== 'active' || s.severity === null) continue;
    if (out[s.signal] !== 'critical') out[s.signal] = s.severity;
  }
  return out;
}

/**
 * Publishes pending events oldest first; stops at the first failure, and at an event another
 * worker holds (alive, or dead until its lease runs out), so subscribers see them in order. A claim
 * that fails (the event's status unreadable: AccessDenied, throttling) is a failure too: the drain
 * stops there and reports it (publish-failure metric, error log), and the event stays in the outbox.
 */
export async function drainOutbox(deps: ComputeDependencies): Promise<DrainOutcome> {
  const now = deps.nowMs ?? Date.now;
  const leaseMs = deps.publishLeaseMs ?? DEFAULT_PUBLISH_LEASE_MS;
  const outcome: DrainOutcome = { published: [], failed: [] };
  const pending = await deps.outbox.listPending(DRAIN_BATCH);
  let stoppedAt: OutboxEntry | undefined;
  for (const entry of pending) {
    const token = randomUUID();
    const claimedAt = now();
    let claim: Awaited<ReturnType<typeof deps.outbox.claim>>;
    try {
      claim = await deps.outbox.claim(entry, token, claimedAt, claimedAt + leaseMs);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      outcome.failed.push({ eventId: entry.eventId, error: `claim failed: ${message}` });
      stoppedAt = entry;
      break;
    }
    if (claim.kind === 'held') {
      outcome.heldBy = entry.eventId;
      stoppedAt = entry;
      break;
    }
    if (claim.kind === 'unpublishable') {
      (outcome.setAside ??= []).push({ eventId: entry.eventId, error: claim.error });
      continue;
    }
    if (claim.kind === 'done') continue;
    const claimed = claim.event;
    const event = claimed.document;
    let messageId: string | undefined;
    try {
      messageId = (await deps.sink.publish(claimed)).messageId;
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      outcome.failed.push({ eventId: event.id, error: message });
      await deps.outbox.release(event.id, token, message);
      stoppedAt = entry;
      break;
    }
    await deps.outbox.markPublished(event, token, now(), messageId);
    outcome.published.push(event);
  }
  // What still waits: where the drain stopped; or, after a full batch, whatever lies beyond it.
  const oldest = stoppedAt ?? (pending.length === DRAIN_BATCH ? (await deps.outbox.listPending(1))[0] : undefined);
  if (oldest) outcome.oldestPendingAt = oldest.occurredAt;
  return outcome;
}

/**
 * Evaluates the snapshot, then drains the outbox whatever happened: events committed earlier are
 * published even when this evaluation fails (bad data, DynamoDB trouble), and the error is rethrown.
 */
export async function computeSnapshot(snapshot: NetworkSnapshot, deps: ComputeDependencies): Promise<ComputeOutcome> {
  let evaluated: Omit<ComputeOutcome, 'drain'>;
  try {
    evaluated = await evaluateSnapshot(snapshot, deps);
  } catch (error) {
    // The drain's own failures (a failed publish or claim) are counted in its outcome, not thrown;
    // what it does throw (the outbox unreadable: a refused or timed-out Query) is not dropped: it
    // travels with the evaluation's error, which fails the record, whose retry drains again.
    const drainError = await drainOutbox(deps).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (drainError !== undefined)
      throw new AggregateError([error, drainError], 'the evaluation failed, and the outbox drain after it failed too', {
        cause: error,
      });
    throw error;
  }
  return { ...evaluated, drain: await drainOutbox(deps) };
}

async function evaluateSnapshot(
  snapshot: NetworkSnapshot,
  deps: ComputeDependencies,
): Promise<Omit<ComputeOutcome, 'drain'>> {
  const decidedAtMs = Date.parse(snapshot.intervalStart);
  const fromDate = new Date(decidedAtMs - DAYS_READ * MS_PER_DAY).toISOString().slice(0, 10);
  const [daily, epochs] = await Promise.all([
    deps.history.dailySince(fromDate),
    deps.history.latestEpochs(EPOCHS_READ),
  ]);

  const { record, result: profitability } = buildProfitabilityRecord({
    snapshot,
    daily,
    epochs,
    reference: deps.reference,
  });
  await deps.profitability.put(record);

  const stored = await deps.states.list();
  // projected-fleet-loss: the fleets not yet projected today get today's projection.
  const outlooks = fleetLossOutlooks({
    snapshot,
    daily,
    epochs,
    reference: deps.reference,
    config: deps.config.signals['projected-fleet-loss'],
    states: new Map([...stored].map(([k, v]) => [k, v.state])),
  });
  const withMiners = snapshotSignalInput({
    snapshot,
    daily,
    epochs,
    profitability,
    currency: deps.config.currency,
    sites: deps.reference.sites,
    fleetLossOutlooks: outlooks,
    minerPeriods: deps.reference.minerPeriods,
  });
  // The listed-miner signals: judged until each of their subjects is judged today (minerSignalsDue.ts).
  const { minerPeriods: _notDue, ...withoutMiners } = withMiners;
  const input = minerSignalsDue(
    withMiners,
    [...stored.values()].map((v) => v.state),
    deps.config.signals,
  )
    ? withMiners
    : withoutMiners;

  const main = await commitEvaluation(deps, stored, (previous) =>
    evaluateSignals(input, previous, deps.config.signals),
  );
  // The sites' run-or-curtail decisions on the new hashprice, at the time it became known.
  const sites = await decideSitePower(
    { decidedAt: snapshot.observedAt, hashpriceUsdPerPhDay: profitability.hashprice.usdPerPhDay },
    deps,
    main.stored,
  );
  const latest = new Map([...main.latest, ...sites.latest]);
  return { record, recorded: [...main.recorded, ...sites.recorded], activeBySignal: activeBySignal(latest.values()) };
}
