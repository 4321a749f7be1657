/**
 * A site's curtailment as it was decided live: one mode change per machine class and decision,
 * stored beside the site's prices (the compute writes it with the state and the event that announce
 * it, atomically), so that the savings are counted on what was decided and announced, never on a
 * replay that could decide otherwise. The read API's GET /v1/sites/{id}/curtailment, the status
 * view and the report read it through CurtailmentTimelineReader (shared/power/ports.ts).
 */
import * as z from '../../schema/z';
import type { SignalEvent } from '../signals/eventDocument';
import type { Mode } from './curtailmentDecision';

export interface ModeChange {
  site: string;
  machineClass: string;
  mode: Mode;
  /**
   * When the change takes effect, ISO 8601 UTC: the start of the first price interval it applies
   * to. A real-time price is known after its interval, so a decision on it applies from that
   * interval's end; a day-ahead or tariff price from the start of the interval it was decided in.
   */
  effectiveIso: string;
  /** When it was decided (the compute's decision time), ISO 8601 UTC. */
  decidedAtIso: string;
  /** The price that caused it and its interval. */
  priceUsdPerMwh: number;
  priceIntervalStartIso: string;
  /** The class's strike at the decision's hashprice, USD/MWh. */
  strikeUsdPerMwh: number;
  hashpriceUsdPerPhDay: number;
  /** The event that announced it (`site-curtail` or `site-resume`). */
  eventId: string;
}

export const modeChangeSchema = z.strictObject({
  site: z.string().check(z.minLength(1)),
  machineClass: z.string().check(z.minLength(1)),
  mode: z.enum(['run', 'curtail']),
  effectiveIso: z.iso.datetime(),
  decidedAtIso: z.iso.datetime(),
  priceUsdPerMwh: z.number(),
  priceIntervalStartIso: z.iso.datetime(),
  strikeUsdPerMwh: z.number(),
  hashpriceUsdPerPhDay: z.number(),
  eventId: z.string().check(z.minLength(1)),
}) satisfies z.ZodMiniType<ModeChange, unknown>;

/**
 * The mode change an event announces: a `site-curtail` raise curtails, a `site-resume` (the
 * curtailment's end) resumes; its figures are the event's evidence (site-curtail's detector). Any
 * other event, or one whose evidence lacks a figure (a class retired from the config), announces
 * no change to count.
 */
export function modeChangeOfEvent(event: SignalEvent): ModeChange | undefined {
  const mode =
    event.signal === 'site-curtail' && event.transition === 'raised'
      ? 'curtail'
      : event.signal === 'site-resume'
        ? 'run'
        : undefined;
  if (!mode) return undefined;
  const v = event.evidence.values;
  const parsed = modeChangeSchema.safeParse({
    site: v.site,
    machineClass: v.machineClass,
    mode,
    effectiveIso: v.effectiveFromIso,
    decidedAtIso: new Date(Date.parse(event.occurredAt)).toISOString(),
    priceUsdPerMwh: v.priceUsdPerMwh,
    priceIntervalStartIso: v.priceIntervalStartIso,
    strikeUsdPerMwh: v.strikeUsdPerMwh,
    hashpriceUsdPerPhDay: v.hashpriceUsdPerPhDay,
    eventId: event.id,
  });
  return parsed.success ? parsed.data : undefined;
}
