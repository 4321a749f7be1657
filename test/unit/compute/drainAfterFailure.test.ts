/**
 * When an evaluation fails, the compute still drains the outbox, then fails the record with the
 * evaluation's error. If the drain throws too (its outbox unreadable: a refused or timed-out
 * Query), that error must travel with the first, not vanish: it once did (`.catch(() => undefined)`).
 */
import { describe, expect, it } from 'vitest';
import { computeSnapshot, type ComputeDependencies } from '../../../shared/compute/computeSnapshot';
import { recordedSnapshot } from '../../support/recordedSnapshot';

const accessDenied = (action: string): Error =>
  Object.assign(new Error(`User is not authorized to perform: ${action}`), { name: 'AccessDeniedException' });

/** Only what a failing evaluation and its drain reach: history reads and the outbox listing. */
function depsFailing(drain: 'fails' | 'empty'): ComputeDependencies {
  const historyDown = new Error('history read timed out');
  return {
    history: {
      dailySince: () => Promise.reject(historyDown),
      latestEpochs: () => Promise.reject(historyDown),
    },
    outbox: {
      listPending: () => (drain === 'fails' ? Promise.reject(accessDenied('dynamodb:Query')) : Promise.resolve([])),
    },
  } as unknown as ComputeDependencies;
}

describe('the drain after a failed evaluation', () => {
  it('with an empty outbox, the evaluation error is what the record fails with', async () => {
    await expect(computeSnapshot(recordedSnapshot, depsFailing('empty'))).rejects.toThrow('history read timed out');
  });

  it('when the drain throws too, both errors reach the caller, the evaluation error first', async () => {
    const thrown = await computeSnapshot(recordedSnapshot, depsFailing('fails')).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(AggregateError);
    const errors = (thrown as AggregateError).errors as Error[];
    expect(errors.map((e) => e.message)).toEqual([
      'history read timed out',
      'User is not authorized to perform: dynamodb:Query',
    ]);
    expect(errors[1]!.name).toBe('AccessDeniedException');
  });
});
