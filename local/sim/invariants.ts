/**
 * The invariants a faulted run must keep against the fault-free run of the same history (issue
 * #15, Deliver 2), and the figures the soak reports. Each violation is a sentence naming what broke.
 */
import { documentClient, queryAllByPrefix } from '../../shared/adapters/dynamo/documentClient';
import { dailyNetworkSchema } from '../../shared/domain/dailyNetwork';
import { networkSnapshotSchema } from '../../shared/domain/networkSnapshot';
import { difficultyEpochSchema } from '../../shared/domain/difficultyEpoch';
import { checkSnapshot, SANITY_BOUNDS } from '../../shared/ingest/snapshotChecks';
import type { SimulatedChain } from './simulatedChain';
import type { SignalId, Transition } from '../../shared/domain/signals/signalIds';
import { MS_PER_HOUR } from '../../shared/domain/units';
import { COMPUTE_METRICS } from '../../shared/observability/metrics';
import type { FaultWindow } from './faultSchedule';
import { CYCLE_MS, type PublishedRecord, type SimulationRun } from './runSimulation';
import { CHAT_APIS } from './simulatedAlerting';

export interface InvariantReport {
  violations: string[];
  /** Longest run of cycles without a stored snapshot after a fault ended (where the fault-free run stored). */
  maxLockoutCycles: number;
  /** Longest wait of a fault-free transition for its publish, in cycles without a fault. */
  maxAlertDelayCycles: number;
  transitionsCompared: number;
  /** Deliveries of fault-free transitions checked, over every channel. */
  deliveriesCompared: number;
  /** The violations about delivery to the channels (also in `violations`). */
  deliveryViolations: string[];
  /** Calls the grant-revoked fault refused. */
  revokedCalls: number;
}

async function itemsOf(run: SimulationRun, pk: string): Promise<Record<string, unknown>[]> {
  const items = await queryAllByPrefix(documentClient(run.table.client), run.table.tableName, { pk });
  return items.map(({ pk: _p, sk: _s, entity: _e, expiresAt: _x, ...rest }) => rest);
}

const keyOf = (e: { signal: string; subject: string }): string => `${e.signal}#${e.subject}`;

export async function checkInvariants(
  chain: SimulatedChain,
  free: SimulationRun,
  faulted: SimulationRun,
  startDate: string,
): Promise<InvariantReport> {
  const violations: string[] = [];

  // 1. Stored data: bounds and the chain facts.
  for (const item of await itemsOf(faulted, 'NETWORK')) {
    const s = networkSnapshotSchema.parse(item);
    const problems = checkSnapshot(
      s,
      undefined,
      { maxHashrateJumpRatio: 3, maxPriceJumpRatio: 1.5, outlierWindowHours: 24 },
      new Date(s.observedAt),
    );
    if (problems.length > 0) violations.push(`snapshot ${s.intervalStart} violates its bounds: ${problems.join('; ')}`);
    const factDifficulty = chain.epoch(s.epochProgress.epoch).difficulty;
    if (Math.abs(s.difficulty / factDifficulty - 1) > 1e-9)
      violations.push(
        `snapshot ${s.intervalStart} has difficulty ${s.difficulty}, epoch ${s.epochProgress.epoch} has ${factDifficulty}`,
      );
    const tip = chain.tipAt(Date.parse(s.observedAt));
    if (s.tipHeight > tip || s.tipHeight < tip - 40)
      violations.push(`snapshot ${s.intervalStart} has tip ${s.tipHeight}, the chain was at ${tip}`);
    const price = chain.priceAt(Date.parse(s.observedAt));
    if (Math.abs(s.btcPriceUsd / price - 1) > 0.05)
      violations.push(`snapshot ${s.intervalStart} has price ${s.btcPriceUsd}, the market was at ${price.toFixed(2)}`);
  }
  for (const item of await itemsOf(faulted, 'DAILY')) {
    const d = dailyNetworkSchema.parse(item);
    if (d.date < startDate) continue;
    const fact = chain.days.find((x) => x.date === d.date);
    if (d.hashrateHps !== undefined && fact?.hashrateHps && Math.abs(d.hashrateHps / fact.hashrateHps - 1) > 1e-6)
      violations.push(`day ${d.date} has hashrate ${d.hashrateHps}, history ${fact.hashrateHps}`);
    if (d.feesBtc !== undefined && d.blockCount && d.feesBtc / d.blockCount > SANITY_BOUNDS.feesBtcPerBlock.max)
      violations.push(`day ${d.date} has ${d.feesBtc} BTC of fees over ${d.blockCount} blocks`);
    if (d.blockCount !== undefined && fact?.blockCount !== undefined && d.blockCount !== fact.blockCount)
      violations.push(`day ${d.date} has ${d.blockCount} blocks, history ${fact.blockCount}`);
  }
  for (const item of await itemsOf(faulted, 'EPOCH')) {
    const e = difficultyEpochSchema.parse(item);
    if (Math.abs(e.difficulty / chain.epoch(e.epoch).difficulty - 1) > 1e-9)
      violations.push(
        `epoch ${e.epoch} stored with difficulty ${e.difficulty}, the chain has ${chain.epoch(e.epoch).difficulty}`,
      );
  }

  // 2. Storing again within 2 cycles after each fault ends.
  let maxLockoutCycles = 0;
  for (const w of faulted.faults) {
    const end = w.start + w.cycles;
    let lock = 0;
    for (let c = end; c < faulted.cycles.length && faulted.cycles[c]!.status !== 'stored'; c += 1)
      if (free.cycles[c]?.status === 'stored') lock += 1;
    maxLockoutCycles = Math.max(maxLockoutCycles, lock);
    if (lock > 2)
      violations.push(`after ${w.kind} (cycles ${w.start}..${end - 1}) nothing was stored for ${lock} cycles`);
  }

  // 3. Every fault-free transition published once per id, in per-signal order, on time; nothing else.
  const timing = compareTransitions(free, faulted, (signal, transition) => {
    const t = faulted.computeConfig.signals[signal];
    return Math.round(((transition === 'cleared' ? t.clearDwellHours : t.raiseDwellHours) * MS_PER_HOUR) / CYCLE_MS);
  });
  violations.push(...timing.violations);
  const { maxAlertDelayCycles, transitionsCompared } = timing;

  // 4. Every fault-free transition reaches every channel once, in per-signal order.
  const delivery = compareDeliveries(free, faulted);
  violations.push(...delivery.violations);

  // 5. The roles' policies refuse nothing the pipeline does; a revoked grant never fails silently.
  const permissions = checkPermissions(free, faulted);
  violations.push(...permissions.violations);
  return {
    violations,
    maxLockoutCycles,
    maxAlertDelayCycles,
    transitionsCompared,
    deliveriesCompared: delivery.deliveriesCompared,
    deliveryViolations: delivery.violations,
    revokedCalls: permissions.revokedCalls,
  };
}

type DeliveryRun = Pick<SimulationRun, 'published' | 'delivered' | 'deliveryProblems'>;

/**
 * What each channel received against what the fault-free run published. The fault-free run's own
 * channels receive each of its events once, in publish order. In the faulted run each channel
 * receives no event twice and, per signal and subject, exactly the fault-free run's sequence of
 * transitions (nothing lost, nothing extra, even across a channel's outage or a revoked grant),
 * in the order they were decided.
 */
export function compareDeliveries(
  free: DeliveryRun,
  faulted: DeliveryRun,
): { violations: string[]; deliveriesCompared: number } {
  const violations: string[] = [];
  for (const p of free.deliveryProblems) violations.push(`fault-free run: ${p}`);
  for (const p of faulted.deliveryProblems) violations.push(p);
  const freeIds = free.published.map((p) => p.event.id).join(',');
  const expected = new Map<string, PublishedRecord[]>();
  for (const p of free.published) expected.set(keyOf(p.event), [...(expected.get(keyOf(p.event)) ?? []), p]);
  const describe = (l: PublishedRecord[]) => l.map((p) => `${p.event.transition}/${p.event.severity}`).join(', ');
  const eventById = new Map(faulted.published.map((p) => [p.event.id, p]));
  let deliveriesCompared = 0;
  for (const channel of CHAT_APIS) {
    if ((free.delivered.get(channel) ?? []).join(',') !== freeIds)
      violations.push(`fault-free run: ${channel} did not receive each published event once, in order`);
    const ids = faulted.delivered.get(channel) ?? [];
    const seen = new Map<string, number>();
    for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    for (const [id, n] of seen) if (n > 1) violations.push(`${channel}: event ${id} was delivered ${n} times`);
    const actual = new Map<string, PublishedRecord[]>();
    for (const id of new Set(ids)) {
      const p = eventById.get(id)!;
      actual.set(keyOf(p.event), [...(actual.get(keyOf(p.event)) ?? []), p]);
    }
    for (const [key, want] of expected) {
      const got = actual.get(key) ?? [];
      if (describe(got) !== describe(want))
        violations.push(
          `${channel} ${key}: fault-free run published [${describe(want)}], the channel received [${describe(got)}]`,
        );
      else deliveriesCompared += want.length;
      for (let i = 1; i < got.length; i += 1)
        if (got[i]!.event.occurredAt < got[i - 1]!.event.occurredAt)
          violations.push(
            `${channel} ${key}: ${got[i]!.event.transition} received before the ${got[i - 1]!.event.transition} decided earlier`,
          );
    }
    for (const [key, got] of actual)
      if (!expected.has(key))
        violations.push(`${channel} ${key}: received by the faulted run only (${got.length} events)`);
  }
  return { violations, deliveriesCompared };
}

/** The failure each revocable grant's loss must show as, in the cycles it is revoked. */
function surfaced(run: Pick<SimulationRun, 'metrics' | 'notifierErrors'>, w: FaultWindow): boolean {
  const inWindow = (cycle: number) => cycle >= w.start && cycle < w.start + w.cycles;
  if (w.grant?.role === 'notifier') return run.notifierErrors.some((e) => inWindow(e.cycle));
  const failureMetrics: string[] = [COMPUTE_METRICS.recordFailures, COMPUTE_METRICS.publishFailures];
  return run.metrics.some((m) => inWindow(m.cycle) && failureMetrics.includes(m.name) && m.value > 0);
}

/**
 * No call of either run is refused by a role's policy (what the deployed functions would be
 * refused), and each call the grant-revoked fault refused surfaced as a failure metric (the
 * compute's RecordFailures or PublishFailures, the notifier's Lambda errors) in its window; that
 * the loss was recovered is what the transition and delivery invariants check.
 */
export function checkPermissions(
  free: Pick<SimulationRun, 'denials'>,
  faulted: Pick<SimulationRun, 'denials' | 'faults' | 'metrics' | 'notifierErrors'>,
): { violations: string[]; revokedCalls: number } {
  const violations: string[] = [];
  const refused = (run: string, d: SimulationRun['denials'][number]) =>
    `${run}${d.role} was refused ${d.action} at cycle ${d.cycle} by its policy`;
  for (const d of free.denials) violations.push(refused('fault-free run: ', d));
  for (const d of faulted.denials.filter((x) => !x.revoked)) violations.push(refused('', d));
  const revoked = faulted.denials.filter((d) => d.revoked);
  for (const w of faulted.faults.filter((f) => f.kind === 'grant-revoked' && f.grant)) {
    const end = w.start + w.cycles;
    const calls = revoked.filter(
      (d) => d.cycle >= w.start && d.cycle < end && d.role === w.grant!.role && d.action === w.grant!.action,
    ).length;
    if (calls > 0 && !surfaced(faulted, w))
      violations.push(
        `${w.grant!.role} ${w.grant!.action} revoked (cycles ${w.start}..${end - 1}): ${calls} calls refused and no failure metric`,
      );
  }
  return { violations, revokedCalls: revoked.length };
}

/** A signal's dwell, in cycles, for the kind of transition (a clear waits out the clear dwell). */
export type DwellCycles = (signal: SignalId, transition: Transition) => number;

/**
 * The published transitions of the faulted run against the fault-free run's: the same sequence per
 * signal and subject, each event id accepted once, in order, and each on time.
 *
 * On time: a transition is decided once its condition has held for the signal's dwell, counted from
 * the first evaluation that saw it. In the fault-free run that onset is the dwell before its
 * decision. When faults cover the onset in the faulted run (a frozen or stale source whose
 * snapshots still pass, rejected cycles), the pipeline could not see the condition begin, and its
 * dwell begins after them: the transition is due that many cycles later, and no more. A fault later
 * in the dwell earns nothing: if one bad reading resets a dwell, that is a finding. From the due
 * cycle on, it may wait at most one healthy cycle for its publish (the bound on a pending
 * event once SNS is healthy); the delay reported is the healthy cycles beyond that.
 * (Found by the soak: seed 3, 2025-10-05, a 16-cycle mempool freeze covered the first 9 cycles of
 * the fault-free raise's 2-hour dwell; the faulted run raised 9 cycles later, when its own dwell
 * ended.)
 */
export function compareTransitions(
  free: Pick<SimulationRun, 'published'>,
  faulted: Pick<SimulationRun, 'published' | 'acceptedCount' | 'faults'>,
  dwellCycles: DwellCycles,
): { violations: string[]; maxAlertDelayCycles: number; transitionsCompared: number } {
  const violations: string[] = [];
  for (const [id, n] of faulted.acceptedCount) if (n > 1) violations.push(`event ${id} was published ${n} times`);
  const sequence = (run: Pick<SimulationRun, 'published'>) => {
    const bySubject = new Map<string, PublishedRecord[]>();
    for (const p of run.published) bySubject.set(keyOf(p.event), [...(bySubject.get(keyOf(p.event)) ?? []), p]);
    return bySubject;
  };
  const expected = sequence(free);
  const actual = sequence(faulted);
  const faultyCycle = new Set(faulted.faults.flatMap((w) => Array.from({ length: w.cycles }, (_, i) => w.start + i)));
  let maxAlertDelayCycles = 0;
  let transitionsCompared = 0;
  for (const [key, want] of expected) {
    const got = actual.get(key) ?? [];
    const describe = (l: PublishedRecord[]) => l.map((p) => `${p.event.transition}/${p.event.severity}`).join(', ');
    if (describe(got) !== describe(want)) {
      violations.push(`${key}: fault-free run published [${describe(want)}], faulted run [${describe(got)}]`);
      continue;
    }
    for (let i = 0; i < want.length; i += 1) {
      transitionsCompared += 1;
      const decided = want[i]!.cycle;
      const { signal, transition } = want[i]!.event;
      if (i > 0 && got[i]!.event.occurredAt < got[i - 1]!.event.occurredAt)
        violations.push(`${key}: published out of order`);
      const dwell = dwellCycles(signal, transition);
      // The dwell's onset in the fault-free run, and the faulty cycles that hid it from the faulted run.
      let latestDecision = decided;
      for (let c = decided - dwell; faultyCycle.has(c); c += 1) latestDecision += 1;
      let delay = 0;
      for (let c = latestDecision + 1; c <= got[i]!.cycle; c += 1) if (!faultyCycle.has(c)) delay += 1;
      maxAlertDelayCycles = Math.max(maxAlertDelayCycles, delay);
      if (delay > 1)
        violations.push(
          `${key}: ${transition} waited ${delay} healthy cycles (fault-free at cycle ${decided}, due by ${latestDecision}, published at ${got[i]!.cycle})`,
        );
    }
  }
  for (const key of actual.keys())
    if (!expected.has(key))
      violations.push(`${key}: published by the faulted run only (${actual.get(key)!.length} events)`);
  return { violations, maxAlertDelayCycles, transitionsCompared };
}
