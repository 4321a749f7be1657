/**
 * The listed-miner signals are judged once a UTC day, each subject's state its own write. A compute
 * that fails between those writes must leave the rest to the next snapshot, not to the next day,
 * where they once waited (a day late for whatever they would have raised or cleared). On DynamoDB
 * Local under the compute's deployed role; the failure is RIOT's state write (a crash, a throttle).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SNSClient } from '@aws-sdk/client-sns';
import { computeSnapshot, type ComputeDependencies } from '../../../shared/compute/computeSnapshot';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { stateKey } from '../../../shared/domain/signals/signalState';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { useDynamoLocal } from '../../support/dynamoTable';
import { computeDependencies, snapshotAt } from '../../support/computeHarness';
import { AFTER_460, answerPublishes, BEFORE_460, tableAround460 } from '../../support/epoch460';

const sns = mockClientUnderRole(SNSClient);
const MINER_SIGNALS = new Set(['miner-treasury-liquidation', 'miner-selling-pressure']);
const RIOT = stateKey('miner-treasury-liquidation', 'RIOT');

describe('the listed-miner signals after a compute failed between their state writes', () => {
  const db = useDynamoLocal();
  beforeEach(() => answerPublishes(sns));

  it('the next snapshot of the same day judges the subject left unjudged, and the day is then done', async () => {
    const table = await tableAround460(db);
    const { deps } = computeDependencies(table, parseComputeConfig({}));
    const minerStates = async () =>
      new Map([...(await deps.states.list())].filter(([, v]) => MINER_SIGNALS.has(v.state.signal)));

    // The pass's writes start together; RIOT's fails once the others have landed.
    const landing: Promise<unknown>[] = [];
    const failingOnRiot: ComputeDependencies = {
      ...deps,
      states: {
        list: () => deps.states.list(),
        commit: async (change) => {
          if (change.state.subject !== 'RIOT') {
            const commit = deps.states.commit(change);
            landing.push(commit);
            return commit;
          }
          await new Promise((resolve) => setImmediate(resolve));
          await Promise.allSettled(landing);
          throw new Error('the compute stopped before this write');
        },
      },
    };
    await expect(computeSnapshot(snapshotAt(BEFORE_460), failingOnRiot)).rejects.toThrow('stopped before this write');
    const afterFailure = await minerStates();
    expect(afterFailure.size).toBeGreaterThan(10);
    expect(afterFailure.has(RIOT)).toBe(false);
    expect([...afterFailure.values()].every((v) => v.state.evaluatedAt === BEFORE_460)).toBe(true);

    // Ten minutes later, same UTC day: RIOT is judged (and, with it, the rest once more).
    await computeSnapshot(snapshotAt(AFTER_460), deps);
    const judged = await minerStates();
    expect(judged.get(RIOT)?.state.evaluatedAt).toBe(AFTER_460);
    expect([...judged.keys()].sort()).toEqual([...afterFailure.keys(), RIOT].sort());

    // Every subject judged today: the next snapshot leaves them alone (no write, same versions).
    await computeSnapshot(snapshotAt('2025-12-11T04:00:00.000Z'), deps);
    expect(await minerStates()).toEqual(judged);
  });
});
