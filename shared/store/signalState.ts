/**
 * A signal's state as stored (SIGNAL/STATE#<signal>#<subject>), with the version its optimistic
 * concurrency checks: the one mapping from a state to its item. Reading it back tolerates what a
 * rollback or a manual edit leaves (signalStateRepository.ts decides, and reports, what to do).
 */
import { signalStateSchema, type SignalState } from '../domain/signals/signalState';
import { Entity, keys } from './tableKeys';

/** The stored item of a state at `version`, validated first (a bad state throws naming the field). */
export function signalStateItem(state: SignalState, version: number): Record<string, unknown> {
  const valid = signalStateSchema.parse(state);
  return { ...keys.signalState(valid.signal, valid.subject), entity: Entity.SignalState, ...valid, version };
}
