/**
 * The event the drain schedule sends the compute function (infra/constructs/computation.ts), and
 * the one shape besides a stream batch the handler accepts: a mistyped target fails loudly.
 */
import * as z from '../schema/z';

export const SCHEDULED_DRAIN_EVENT = { drain: 'scheduled' } as const;
export const scheduledDrainEventSchema = z.strictObject({ drain: z.literal('scheduled') });
