/**
 * The remembered state of one signal for one subject: clear or active (with its severity), the
 * episode it belongs to, and a change waiting out its dwell. Stored one item per (signal, subject);
 * the repository adds a version for optimistic concurrency.
 */
import * as z from '../../schema/z';
import { evidenceSchema } from './evidence';
import { SEVERITIES, SIGNAL_IDS, type Severity, type SignalId } from './signalIds';

const isoTimestamp = z.iso.datetime({ offset: true });

export const pendingChangeSchema = z.object({
  /** 'up': a raise or escalation is waiting; 'down': a clear is waiting. */
  direction: z.enum(['up', 'down']),
  /** Decision time of the first evaluation that saw the condition (the dwell runs from here). */
  since: isoTimestamp,
});
export type PendingChange = z.infer<typeof pendingChangeSchema>;

export const signalStateSchema = z.object({
  signal: z.enum(SIGNAL_IDS),
  subject: z.string(),
  status: z.enum(['clear', 'active']),
  /** Severity of the active episode (the highest reached); null while clear. */
  severity: z.nullable(z.enum(SEVERITIES)),
  /** Decision time of the raise of the active episode; null while clear. */
  activeSince: z.nullable(isoTimestamp),
  /** Id of the event that raised the active (or last) episode. */
  episodeId: z.nullable(z.string()),
  pending: z.nullable(pendingChangeSchema),
  /** Decision time of the last evaluation: older or equal snapshots are never evaluated again. */
  evaluatedAt: z.nullable(isoTimestamp),
  /** Evidence of the last evaluation. */
  lastEvidence: z.nullable(evidenceSchema),
});
export type SignalState = z.infer<typeof signalStateSchema>;

export function stateKey(signal: SignalId, subject: string): string {
  return `${signal}#${subject}`;
}

export function initialSignalState(signal: SignalId, subject: string): SignalState {
  return {
    signal,
    subject,
    status: 'clear',
    severity: null,
    activeSince: null,
    episodeId: null,
    pending: null,
    evaluatedAt: null,
    lastEvidence: null,
  };
}

export function isActive(state: SignalState): state is SignalState & { status: 'active'; severity: Severity } {
  return state.status === 'active' && state.severity !== null;
}
