/**
 * One invocation, two passes (the snapshot's signals, then the sites'): the second pass commits on
 * the versions the first left, without listing the states again. That rests on the state store's
 * contract (a committed state's version is the expected one + 1), checked here against the real
 * repository on DynamoDB Local, under the compute's deployed role.
 */
import { describe, expect, it } from 'vitest';
import { DynamoSignalStateRepository } from '../../../shared/adapters/dynamo/signalStateRepository';
import { commitEvaluation } from '../../../shared/compute/commitEvaluation';
import type { SignalStateStore } from '../../../shared/compute/ports';
import type { EvaluationResult } from '../../../shared/domain/signals/evaluateSignals';
import { initialSignalState, stateKey, type SignalState } from '../../../shared/domain/signals/signalState';
import { useDynamoLocal } from '../../support/dynamoTable';

const db = useDynamoLocal();

/** An evaluation that moves one state on (a later evaluatedAt), with no transition and no event. */
const touching =
  (signal: SignalState['signal'], evaluatedAt: string) =>
  (previous: Map<string, SignalState>): EvaluationResult => {
    const state = previous.get(stateKey(signal, '')) ?? initialSignalState(signal, '');
    return { states: [{ ...state, evaluatedAt }], events: [], rendered: [] };
  };

describe('two passes of one invocation', () => {
  it('the second commits on the versions the first left: no conflict, no second listing', async () => {
    const table = await db.newTable();
    const repository = new DynamoSignalStateRepository(table.client, table.tableName);
    let listings = 0;
    const counted: SignalStateStore = {
      list: () => {
        listings += 1;
        return repository.list();
      },
      commit: (change) => repository.commit(change),
    };

    const first = await commitEvaluation(
      { states: counted },
      await counted.list(),
      touching('hashprice-floor', '2026-02-01T00:00:00.000Z'),
    );
    expect(first.stored.get(stateKey('hashprice-floor', ''))!.version).toBe(1);
    // The second pass moves the same state on again, from the first pass's versions.
    const second = await commitEvaluation(
      { states: counted },
      first.stored,
      touching('hashprice-floor', '2026-02-01T00:10:00.000Z'),
    );
    expect(listings).toBe(1);
    expect(second.stored.get(stateKey('hashprice-floor', ''))!.version).toBe(2);
    // What the store holds is what the passes said it would.
    expect((await repository.list()).get(stateKey('hashprice-floor', ''))).toEqual(
      second.stored.get(stateKey('hashprice-floor', '')),
    );
  });

  it('a state moved by another invocation between the passes is a conflict, re-listed and re-evaluated', async () => {
    const table = await db.newTable();
    const repository = new DynamoSignalStateRepository(table.client, table.tableName);
    const first = await commitEvaluation(
      { states: repository },
      await repository.list(),
      touching('hashprice-floor', '2026-02-01T00:00:00.000Z'),
    );
    // Another compute commits the state in between.
    const key = stateKey('hashprice-floor', '');
    expect(
      await repository.commit({
        state: { ...first.latest.get(key)!, evaluatedAt: '2026-02-01T00:05:00.000Z' },
        expectedVersion: 1,
        event: undefined,
      }),
    ).toBe('committed');
    const second = await commitEvaluation(
      { states: repository },
      first.stored,
      touching('hashprice-floor', '2026-02-01T00:10:00.000Z'),
    );
    expect(second.stored.get(key)!.version).toBe(3);
    expect((await repository.list()).get(key)!.state.evaluatedAt).toBe('2026-02-01T00:10:00.000Z');
  });
});
