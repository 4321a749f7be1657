/**
 * The simulation's delivery and permission invariants (local/sim/invariants.ts, issue #22): every
 * fault-free transition reaches each channel once, in per-signal order, nothing extra; the roles'
 * policies refuse nothing; a revoked grant's refusals surface as a failure metric in their window.
 */
import { describe, expect, it } from 'vitest';
import { checkPermissions, compareDeliveries } from '../../../local/sim/invariants';
import type { FaultWindow } from '../../../local/sim/faultSchedule';
import type { Denial } from '../../../local/sim/functionRoles';
import type { PublishedRecord } from '../../../local/sim/runSimulation';
import { CHAT_APIS, type ChatApi } from '../../../local/sim/simulatedAlerting';
import type { SignalEvent } from '../../../shared/domain/signals/eventDocument';

const record = (cycle: number, transition: 'raised' | 'escalated' | 'cleared', id: string): PublishedRecord => ({
  cycle,
  event: {
    id,
    signal: 'difficulty-negative-streak',
    subject: '',
    transition,
    severity: transition === 'escalated' ? 'critical' : 'warning',
    occurredAt: new Date(Date.UTC(2025, 11, 1) + cycle * 600_000).toISOString(),
  } as SignalEvent,
});

const free = {
  published: [record(10, 'raised', 'a'), record(50, 'escalated', 'b')],
  delivered: new Map<ChatApi, string[]>(CHAT_APIS.map((api) => [api, ['a', 'b']])),
  deliveryProblems: [],
};
/** The faulted run published the same transitions (its ids: decided a cycle later) and each channel got `ids`. */
function faulted(slack: string[]) {
  return {
    published: [record(11, 'raised', 'a2'), record(51, 'escalated', 'b2')],
    delivered: new Map<ChatApi, string[]>(CHAT_APIS.map((api) => [api, api === 'slack' ? slack : ['a2', 'b2']])),
    deliveryProblems: [],
  };
}

describe('delivery invariant', () => {
  it('passes when every channel got each transition once, in order', () => {
    expect(compareDeliveries(free, faulted(['a2', 'b2']))).toEqual({ violations: [], deliveriesCompared: 8 });
  });

  it('finds a duplicate, a loss and an inversion on one channel', () => {
    expect(compareDeliveries(free, faulted(['a2', 'b2', 'a2'])).violations).toEqual([
      'slack: event a2 was delivered 2 times',
    ]);
    expect(compareDeliveries(free, faulted(['b2'])).violations).toEqual([
      'slack difficulty-negative-streak#: fault-free run published [raised/warning, escalated/critical], the channel received [escalated/critical]',
    ]);
    expect(compareDeliveries(free, faulted(['b2', 'a2'])).violations).toEqual([
      'slack difficulty-negative-streak#: fault-free run published [raised/warning, escalated/critical], the channel received [escalated/critical, raised/warning]',
      'slack difficulty-negative-streak#: raised received before the escalated decided earlier',
    ]);
  });

  it("finds a fault-free run whose channel missed an event, and a fake's contract violation", () => {
    const broken = { ...free, delivered: new Map<ChatApi, string[]>([...free.delivered, ['discord', ['a']]]) };
    const { violations } = compareDeliveries(broken, {
      ...faulted(['a2', 'b2']),
      deliveryProblems: ['telegram: no chat_id'],
    });
    expect(violations).toEqual([
      'telegram: no chat_id',
      'fault-free run: discord did not receive each published event once, in order',
    ]);
  });
});

describe('permission invariant', () => {
  const grant = { role: 'compute', action: 'sns:Publish' } as const;
  const window: FaultWindow = { kind: 'grant-revoked', start: 20, cycles: 3, aim: 'background', grant };
  const denial = (cycle: number, revoked: boolean): Denial => ({ cycle, revoked, ...grant });

  it('a refusal by the policy is a violation in either run', () => {
    const run = { denials: [denial(5, false)], faults: [], metrics: [], notifierErrors: [] };
    expect(checkPermissions(run, run).violations).toEqual([
      'fault-free run: compute was refused sns:Publish at cycle 5 by its policy',
      'compute was refused sns:Publish at cycle 5 by its policy',
    ]);
  });

  it('revoked calls must show as a failure metric inside the window', () => {
    const quiet = { denials: [denial(21, true)], faults: [window], metrics: [], notifierErrors: [] };
    expect(checkPermissions({ denials: [] }, quiet)).toEqual({
      violations: ['compute sns:Publish revoked (cycles 20..22): 1 calls refused and no failure metric'],
      revokedCalls: 1,
    });
    const afterWindow = { ...quiet, metrics: [{ cycle: 23, name: 'PublishFailures', value: 1 }] };
    expect(checkPermissions({ denials: [] }, afterWindow).violations).toHaveLength(1);
    const seen = { ...quiet, metrics: [{ cycle: 21, name: 'PublishFailures', value: 1 }] };
    expect(checkPermissions({ denials: [] }, seen)).toEqual({ violations: [], revokedCalls: 1 });
  });
});
