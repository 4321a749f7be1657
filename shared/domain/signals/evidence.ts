/**
 * Evidence: the values and thresholds that decided a signal, carried by its state and by every
 * event so that a subscriber can see why it fired. Flat maps of named, unit-suffixed figures.
 */
import * as z from 'zod';

export const evidenceValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type EvidenceValue = z.infer<typeof evidenceValueSchema>;

export const evidenceSchema = z.object({
  values: z.record(z.string(), evidenceValueSchema),
  thresholds: z.record(z.string(), evidenceValueSchema),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** An evidence value read as a number, for the texts that word it: NaN when it is not a number. */
export function evidenceNumber(value: EvidenceValue | undefined): number {
  return typeof value === 'number' ? value : Number.NaN;
}
