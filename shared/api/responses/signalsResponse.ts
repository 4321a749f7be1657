/**
 * The answer of GET /v1/signals as a schema: the OpenAPI document's (openApi.ts), and SignalsView,
 * the type signals.ts builds (../routeResponses.ts says why answers' schemas live apart).
 */
import * as z from '../../schema/z';
import { currencySchema } from '../../domain/currency';
import { evidenceValueSchema } from '../../domain/signals/evidence';
import { signalEventSchema } from '../../domain/signals/eventDocument';
import type { PendingCommit } from '../../domain/signals/pendingCommit';
import { signalStateSchema } from '../../domain/signals/signalState';
import { snapshotRateSchema } from './snapshotRateResponse';

const convertedEvidenceSchema = z.object({
  currency: currencySchema,
  values: z.record(z.string(), evidenceValueSchema),
  thresholds: z.record(z.string(), evidenceValueSchema),
});
export type ConvertedEvidence = z.infer<typeof convertedEvidenceSchema>;

/** PendingCommit (shared/domain/signals/pendingCommit.ts) as the answer shows it. */
const pendingCommitSchema = z.object({
  change: z.enum(['raise', 'escalate', 'clear']),
  since: z.string(),
  dwellHours: z.number(),
  commitsAt: z.string(),
}) satisfies z.ZodMiniType<PendingCommit>;

/** The answer of GET /v1/signals (SignalsView is its type). */
export const signalsResponseSchema = z.object({
  currency: currencySchema,
  fx: snapshotRateSchema,
  /**
   * Each state as stored; a state whose change waits out its dwell also has `pendingCommit`: what
   * it will do and when, if the condition keeps holding (its current values against the thresholds
   * are its `lastEvidence`).
   */
  signals: z.array(
    z.extend(signalStateSchema, {
      converted: z.optional(convertedEvidenceSchema),
      pendingCommit: z.optional(pendingCommitSchema),
    }),
  ),
  events: z.array(z.extend(signalEventSchema, { converted: z.optional(convertedEvidenceSchema) })),
});
export type SignalsView = z.infer<typeof signalsResponseSchema>;
