/**
 * Evidence: the values and thresholds that decided a signal, carried by its state and by every
 * event so that a subscriber can see why it fired. Flat maps of named, unit-suffixed figures.
 */
import * as z from '../../schema/z';

export const evidenceValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type EvidenceValue = z.infer<typeof evidenceValueSchema>;

export const evidenceSchema = z.object({
  values: z.record(z.string(), evidenceValueSchema),
  thresholds: z.record(z.string(), evidenceValueSchema),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/**
 * Where a signal reads evidence from. `observed`: this evaluation's observation, which must match
 * the signal's evidence declaration (a mismatch is a bug: it fails, naming the field). `stored`: a
 * state or an event written by an earlier version, which may lack a field the signal records today
 * (a retired subject's clearing, an event stored before events carried figures): taken as it is,
 * so that its clearing is still announced rather than failing every other signal's evaluation.
 */
export type EvidenceOrigin = 'observed' | 'stored';

/** An evidence value read as a number, for the texts that word it: NaN when it is not a number. */
export function evidenceNumber(value: EvidenceValue | undefined): number {
  return typeof value === 'number' ? value : Number.NaN;
}
