/**
 * The default global fleet mix (fleetMix.json): share of network hashrate by efficiency band.
 * An estimate, not a measurement: every band names its source and date, and the file names the
 * published anchors it was fitted to. The loader checks that the shares add up to 1 and that the
 * bands are ordered, contiguous and hold their representative efficiency.
 */
import * as z from 'zod';
import fleetMixJson from './fleetMix.json';
import { dataFileHeaderSchema, isoDateSchema, dataFileReader, sourcedSchema } from './dataFile';

export const FLEET_MIX_FILE = 'shared/data/fleetMix.json';

/** Shares are fractions written to two decimals; allow only float noise when summing. */
export const SHARE_SUM_TOLERANCE = 1e-6;

export const anchorSchema = z.object({
  figure: z.string().min(1),
  value: z.string().min(1),
  source: z.string().min(1),
  sourceDate: isoDateSchema,
});

/**
 * A distribution of network hashrate over bands (the fleet mix's, the power prices'): the file
 * header, whether it is an estimate, the bands (of `bandSchema`) and the anchors it was fitted to.
 */
export function bandDistributionSchema<B extends z.ZodType<{ hashrateShareFraction: number }>>(bandSchema: B) {
  return dataFileHeaderSchema.extend({
    description: z.string().optional(),
    method: z.enum(['estimate', 'measurement']),
    bands: z.array(bandSchema).min(1),
    anchors: z.array(anchorSchema).default([]),
  });
}

/** The issue of a distribution whose hashrate shares do not add up to 1. */
export function checkSharesAddUp(bands: readonly { hashrateShareFraction: number }[], ctx: z.RefinementCtx): void {
  const sum = bands.reduce((s, b) => s + b.hashrateShareFraction, 0);
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
    ctx.addIssue({ code: 'custom', path: ['bands'], message: `hashrate shares add up to ${sum}, not 1` });
  }
}

export const fleetBandSchema = sourcedSchema
  .extend({
    id: z.string().min(1),
    label: z.string().min(1),
    /** Lower bound of the band, J/TH (absent for the most efficient band). */
    minJPerTh: z.number().positive().optional(),
    /** Upper bound of the band, J/TH (absent for the least efficient band). */
    maxJPerTh: z.number().positive().optional(),
    /** Representative efficiency used for the band's break-even, J/TH. */
    efficiencyJPerTh: z.number().positive(),
    hashrateShareFraction: z.number().min(0).max(1),
    exampleMachineIds: z.array(z.string()).default([]),
  })
  .superRefine((band, ctx) => {
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
  });

export const fleetMixSchema = bandDistributionSchema(fleetBandSchema).superRefine((mix, ctx) => {
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
});

export type FleetMix = z.output<typeof fleetMixSchema>;

const fleetMixFile = dataFileReader(fleetMixSchema, FLEET_MIX_FILE, fleetMixJson);
/** Validates a document of FLEET_MIX_FILE; throws DataFileError naming the file, row and field. */
export const parseFleetMix: (raw: unknown, fileName?: string) => FleetMix = fleetMixFile.parse;
/** The copy bundled with the code, validated once and reused. */
export const loadFleetMix: () => FleetMix = fleetMixFile.load;
