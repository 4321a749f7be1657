/**
 * The default global fleet mix (fleetMix.json): share of network hashrate by efficiency band.
 * An estimate, not a measurement: every band names its source and date, and the file names the
 * published anchors it was fitted to. The loader checks that the shares add up to 1 and that the
 * bands are ordered, contiguous and hold their representative efficiency.
 */
import * as z from '../schema/z';
import fleetMixJson from './fleetMix.json';
import { dataFileHeaderSchema, isoDateSchema, dataFileReader, sourcedSchema } from './dataFile';

export const FLEET_MIX_FILE = 'shared/data/fleetMix.json';

/** Shares are fractions written to two decimals; allow only float noise when summing. */
export const SHARE_SUM_TOLERANCE = 1e-6;

export const anchorSchema = z.object({
  figure: z.string().check(z.minLength(1)),
  value: z.string().check(z.minLength(1)),
  source: z.string().check(z.minLength(1)),
  sourceDate: isoDateSchema,
});

/**
 * A distribution of network hashrate over bands (the fleet mix's, the power prices'): the file
 * header, whether it is an estimate, the bands (of `bandSchema`) and the anchors it was fitted to.
 */
export function bandDistributionSchema<B extends z.core.$ZodType<{ hashrateShareFraction: number }>>(bandSchema: B) {
  return z.extend(dataFileHeaderSchema, {
    description: z.optional(z.string()),
    method: z.enum(['estimate', 'measurement']),
    bands: z.array(bandSchema).check(z.minLength(1)),
    anchors: z._default(z.array(anchorSchema), []),
  });
}

/** The issue of a distribution whose hashrate shares do not add up to 1. */
export function checkSharesAddUp(
  bands: readonly { hashrateShareFraction: number }[],
  ctx: z.core.$RefinementCtx,
): void {
  const sum = bands.reduce((s, b) => s + b.hashrateShareFraction, 0);
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
    ctx.addIssue({ code: 'custom', path: ['bands'], message: `hashrate shares add up to ${sum}, not 1` });
  }
}

export const fleetBandSchema = z
  .extend(sourcedSchema, {
    id: z.string().check(z.minLength(1)),
    label: z.string().check(z.minLength(1)),
    /** Lower bound of the band, J/TH (absent for the most efficient band). */
    minJPerTh: z.optional(z.number().check(z.positive())),
    /** Upper bound of the band, J/TH (absent for the least efficient band). */
    maxJPerTh: z.optional(z.number().check(z.positive())),
    /** Representative efficiency used for the band's break-even, J/TH. */
    efficiencyJPerTh: z.number().check(z.positive()),
    hashrateShareFraction: z.number().check(z.minimum(0), z.maximum(1)),
    exampleMachineIds: z._default(z.array(z.string()), []),
  })
  .check(
    z.superRefine((band, ctx) => {
      if (band.minJPerTh !== undefined && band.efficiencyJPerTh < band.minJPerTh) {
        ctx.addIssue({
          code: 'custom',
          path: ['efficiencyJPerTh'],
          message: `below the band's minJPerTh ${band.minJPerTh}`,
        });
      }
      if (band.maxJPerTh !== undefined && band.efficiencyJPerTh > band.maxJPerTh) {
        ctx.addIssue({
          code: 'custom',
          path: ['efficiencyJPerTh'],
          message: `above the band's maxJPerTh ${band.maxJPerTh}`,
        });
      }
    }),
  );

export const fleetMixSchema = bandDistributionSchema(fleetBandSchema).check(
  z.superRefine((mix, ctx) => {
    checkSharesAddUp(mix.bands, ctx);
    mix.bands.forEach((band, i) => {
      const previous = mix.bands[i - 1];
      if (!previous) return;
      if (band.efficiencyJPerTh <= previous.efficiencyJPerTh) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'efficiencyJPerTh'],
          message: 'bands must be ordered from most to least efficient',
        });
      }
      if (band.minJPerTh !== previous.maxJPerTh) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'minJPerTh'],
          message: `must equal the previous band's maxJPerTh (${previous.maxJPerTh}) so the bands leave no gap`,
        });
      }
    });
  }),
);

export type FleetMix = z.output<typeof fleetMixSchema>;

const fleetMixFile = dataFileReader(fleetMixSchema, FLEET_MIX_FILE, fleetMixJson);
/** Validates a document of FLEET_MIX_FILE; throws DataFileError naming the file, row and field. */
export const parseFleetMix: (raw: unknown, fileName?: string) => FleetMix = fleetMixFile.parse;
/** The copy bundled with the code, validated once and reused. */
export const loadFleetMix: () => FleetMix = fleetMixFile.load;
