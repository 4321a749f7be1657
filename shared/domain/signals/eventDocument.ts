/**
 * The event document: what every subscriber receives when a signal changes state. A public,
 * versioned contract (`schemaVersion`); add fields, never rename or remove one without a new version.
 * `id` is stable for a given (signal, subject, transition, decision time), so the same decision
 * yields the same id wherever and however often it is computed: receivers use it as an
 * idempotency key, and the store uses it to record each event once.
 */
import { createHash } from 'node:crypto';
import * as z from '../../schema/z';
import { evidenceSchema } from './evidence';
import { figureSchema } from './figure';
import { textCurrencySchema } from './moneyText';
import { SEVERITIES, SIGNAL_IDS, TRANSITIONS, type SignalId, type Transition } from './signalIds';

export const SIGNAL_EVENT_SCHEMA_VERSION = 1;
export const SIGNAL_EVENT_TYPE = 'hashwatch.signal.transition';

const isoTimestamp = z.iso.datetime({ offset: true });
const uuid = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a Hashwatch event id'));

export const signalEventSchema = z.object({
  schemaVersion: z.literal(SIGNAL_EVENT_SCHEMA_VERSION),
  type: z.literal(SIGNAL_EVENT_TYPE),
  id: uuid,
  signal: z.enum(SIGNAL_IDS),
  /** '' for network-wide signals; a fleet name or a price level otherwise. */
  subject: z.string(),
  severity: z.enum(SEVERITIES),
  transition: z.enum(TRANSITIONS),
  /** Severity before this transition (null for raised). */
  previousSeverity: z.nullable(z.enum(SEVERITIES)),
  /** Time of the snapshot (or day close) that decided the transition. */
  occurredAt: isoTimestamp,
  episode: z.object({
    /** Id of the raised event that opened the episode (this event's id when it is the raise). */
    id: uuid,
    startedAt: isoTimestamp,
  }),
  /** One line, what happened, with the number that matters. */
  title: z.string().check(z.minLength(1), z.maxLength(120)),
  /** What it means for a miner, in a sentence or two. */
  summary: z.string().check(z.minLength(1)),
  evidence: evidenceSchema,
  /**
   * The currency the texts (title, summary, e-mail) are written in, when the owner configured one
   * other than USD, with its rate at the deciding snapshot (or why the texts stayed in USD).
   * Evidence stays in USD. Absent for USD.
   */
  currency: z.optional(textCurrencySchema),
  /**
   * The figures the event reports (name, value, unit, and for money the currency it is in), for
   * receivers to lay out in their own way. Absent on events stored before they were added: the
   * notifier and the read API derive them from the stored evidence (eventFigures.ts).
   */
  figures: z.optional(z.array(figureSchema)),
});
export type SignalEvent = z.infer<typeof signalEventSchema>;

/**
 * Deterministic id: an RFC 9562 version-8 UUID made of the SHA-256 of the decision's identity.
 * Same signal, subject, transition and decision time -> same id.
 */
export function signalEventId(signal: SignalId, subject: string, transition: Transition, occurredAt: string): string {
  const normalized = new Date(Date.parse(occurredAt)).toISOString();
  const bytes = createHash('sha256')
    .update(JSON.stringify(['hashwatch-event', SIGNAL_EVENT_SCHEMA_VERSION, signal, subject, transition, normalized]))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
