/**
 * The simulation's fault schedule, chosen by seed and aimed at the worst moments (issue #15): the
 * cycles around each retarget and the cycle right after each transition the fault-free run commits,
 * plus a sprinkling elsewhere. Windows never overlap, so "after a fault ends" is well defined.
 */
import { seededRandom } from '../../shared/domain/projection/seededRandom';
import { REVOCABLE_GRANTS, type Grant } from './functionRoles';
import { CHAT_APIS, type ChannelFailure, type ChatApi } from './simulatedAlerting';
import type { DataFault } from './simulatedUpstream';

export type RouteFault = 'rate-limit-storm' | 'hang' | 'reset' | 'oversize';
export type ComputeFault = 'sns-outage' | 'duplicate-delivery' | 'concurrent-compute' | 'unreadable-items';
/** The function dies right after its k-th write of the cycle (crashSwitch.ts). */
export type CrashFault = 'crash-ingest' | 'crash-compute';
/**
 * grant-revoked: one action of one function's role is refused for the window (functionRoles.ts);
 * chat-outage: one chat API answers 503 or never answers, for hours (simulatedAlerting.ts).
 */
export type PermissionFault = 'grant-revoked';
export type ChannelFault = 'chat-outage';
export type FaultKind = DataFault | RouteFault | ComputeFault | CrashFault | PermissionFault | ChannelFault;

export interface FaultWindow {
  kind: FaultKind;
  /** First faulty cycle (index). */
  start: number;
  /** Cycles it lasts. */
  cycles: number;
  /** Why it is there (retarget, transition, background). */
  aim: string;
  /** Crash faults: the writes that land before the process dies. */
  afterWrites?: number;
  /** grant-revoked: the grant refused. */
  grant?: Grant;
  /** chat-outage: the failing channel and how it fails. */
  channel?: ChatApi;
  failure?: ChannelFailure;
}

const DURATION: Record<FaultKind, [number, number]> = {
  'cached-skew': [1, 1],
  'frozen-mempool': [3, 24],
  'stale-responses': [1, 3],
  'unit-ghs': [1, 2],
  'unit-sats': [1, 2],
  'unit-ms': [1, 2],
  'outlier-price': [1, 2],
  'rate-limit-storm': [1, 3],
  hang: [1, 1],
  reset: [1, 2],
  oversize: [1, 1],
  'sns-outage': [1, 4],
  'duplicate-delivery': [1, 1],
  'concurrent-compute': [1, 1],
  'unreadable-items': [1, 1],
  'crash-ingest': [1, 1],
  'crash-compute': [1, 1],
  'grant-revoked': [1, 6],
  // Two to six hours: far past Lambda's retries of the notifier (3 minutes).
  'chat-outage': [12, 36],
};
/**
 * The most writes a cycle makes, per function: the ingest a daily rollup, an epoch and the
 * snapshot; the compute its profitability record, a state per signal and subject (a transition's
 * in one transaction with its event), and a claim and a mark per event it publishes. A crash
 * point is drawn from 0 (before the first) to this, so over a soak every gap between two writes is hit.
 */
const MAX_WRITES: Partial<Record<FaultKind, number>> = { 'crash-ingest': 3, 'crash-compute': 12 };
export const FAULT_KINDS = Object.keys(DURATION) as FaultKind[];
const AT_RETARGET: FaultKind[] = [
  'stale-responses',
  'rate-limit-storm',
  'reset',
  'frozen-mempool',
  'outlier-price',
  'crash-ingest',
];
const AFTER_TRANSITION: FaultKind[] = [
  'crash-compute',
  'sns-outage',
  'duplicate-delivery',
  'concurrent-compute',
  'unreadable-items',
  'hang',
  'oversize',
];

const AT_TRANSITION: FaultKind[] = ['grant-revoked', 'chat-outage'];

/** mulberry32, the one seeded PRNG of the project (shared with the Monte Carlo projection). */
export { seededRandom };

export function faultSchedule(args: {
  seed: number;
  cycles: number;
  /** Cycles at which a new epoch is first served. */
  retargets: readonly number[];
  /** Cycles at which the fault-free run committed a transition. */
  transitions: readonly number[];
  /** One background fault per this many cycles, on average. */
  backgroundEvery?: number;
}): FaultWindow[] {
  const random = seededRandom(args.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const windows: FaultWindow[] = [];
  const busy = new Set<number>();
  const add = (kind: FaultKind, start: number, aim: string): void => {
    const [min, max] = DURATION[kind];
    const cycles = min + Math.floor(random() * (max - min + 1));
    if (start < 2 || start + cycles + 2 >= args.cycles) return;
    // A cycle of calm on each side: the recovery after one fault is measured before the next.
    for (let c = start - 3; c < start + cycles + 3; c += 1) if (busy.has(c)) return;
    for (let c = start; c < start + cycles; c += 1) busy.add(c);
    const maxWrites = MAX_WRITES[kind];
    windows.push({
      kind,
      start,
      cycles,
      aim,
      ...(maxWrites !== undefined ? { afterWrites: Math.floor(random() * (maxWrites + 1)) } : {}),
      ...(kind === 'grant-revoked' ? { grant: pick(REVOCABLE_GRANTS) } : {}),
      ...(kind === 'chat-outage'
        ? { channel: pick(CHAT_APIS), failure: random() < 0.5 ? ('5xx' as const) : ('timeout' as const) }
        : {}),
    });
  };
  for (const r of args.retargets) {
    // The cycle that first sees the new epoch: the endpoints' skew, or a crash among its writes.
    add(random() < 0.7 ? 'cached-skew' : 'crash-ingest', r, `retarget at cycle ${r}`);
    add(pick(AT_RETARGET), r + 4, `after the retarget at cycle ${r}`);
  }
  for (const t of args.transitions) {
    // The compute that commits the transition dies among its writes, or a grant it (or the
    // notifier) needs is revoked, or a channel fails as it is published; or the next cycle is faulty.
    const r = random();
    if (r < 0.4) add('crash-compute', t, `in the compute that commits the transition at cycle ${t}`);
    else if (r < 0.7) add(pick(AT_TRANSITION), t, `from the cycle of the transition at cycle ${t}`);
    else add(pick(AFTER_TRANSITION), t + 1, `right after the transition at cycle ${t}`);
  }
  const every = args.backgroundEvery ?? 36;
  for (let c = 6; c < args.cycles; c += 1)
    if (random() < 1 / every) add(pick(FAULT_KINDS.filter((k) => k !== 'cached-skew')), c, 'background');
  return windows.sort((a, b) => a.start - b.start);
}
