/**
 * The default distribution of miners' all-in power price (powerPrices.json): share of network
 * hashrate per USD/kWh band, each band sourced and dated. The loader checks that the shares add
 * up to 1 and that the bands are ordered and contiguous (the fleet model interpolates linearly
 * inside a band, which needs a well-formed, gap-free distribution).
 */
import * as z from '../schema/z';
import powerPricesJson from './powerPrices.json';
import { dataFileReader, sourcedSchema } from './dataFile';
import { bandDistributionSchema, checkSharesAddUp } from './fleetMix';
import { medianPowerPriceUsdPerKwh } from '../domain/fleetShare';

export const POWER_PRICES_FILE = 'shared/data/powerPrices.json';

export const powerPriceBandSchema = z
  .extend(sourcedSchema, {
    id: z.string().check(z.minLength(1)),
    minUsdPerKwh: z.number().check(z.minimum(0)),
    maxUsdPerKwh: z.number().check(z.positive(), z.maximum(10)),
    hashrateShareFraction: z.number().check(z.minimum(0), z.maximum(1)),
  })
  .check(
    z.refine((band) => band.maxUsdPerKwh > band.minUsdPerKwh, {
      path: ['maxUsdPerKwh'],
      message: 'maxUsdPerKwh must be above minUsdPerKwh',
    }),
  );

/** A power-price case: the distribution's shape moved to this median (fleetShareBand.ts). */
const powerPriceCaseSchema = z.extend(sourcedSchema, {
  medianUsdPerKwh: z.number().check(z.positive(), z.maximum(1)),
});

export const powerPriceDistributionSchema = z
  .extend(bandDistributionSchema(powerPriceBandSchema), {
    /** The low and high readings of the published figures for the distribution's period. */
    cases: z.object({ low: powerPriceCaseSchema, high: powerPriceCaseSchema }),
  })
  .check(
    z.superRefine((dist, ctx) => {
      checkSharesAddUp(dist.bands, ctx);
      const median = medianPowerPriceUsdPerKwh(dist.bands);
      if (dist.cases.low.medianUsdPerKwh > median)
        ctx.addIssue({
          code: 'custom',
          path: ['cases', 'low', 'medianUsdPerKwh'],
          message: `must not exceed the bands' median ${median}`,
        });
      if (dist.cases.high.medianUsdPerKwh < median)
        ctx.addIssue({
          code: 'custom',
          path: ['cases', 'high', 'medianUsdPerKwh'],
          message: `must not be under the bands' median ${median}`,
        });
      dist.bands.forEach((band, i) => {
        const previous = dist.bands[i - 1];
        if (previous && Math.abs(band.minUsdPerKwh - previous.maxUsdPerKwh) > 1e-12) {
          ctx.addIssue({
            code: 'custom',
            path: ['bands', i, 'minUsdPerKwh'],
            message: `must equal the previous band's maxUsdPerKwh (${previous.maxUsdPerKwh}): bands must be ordered with no gap or overlap`,
          });
        }
      });
    }),
  );

export type PowerPriceDistribution = z.output<typeof powerPriceDistributionSchema>;

const powerPricesFile = dataFileReader(powerPriceDistributionSchema, POWER_PRICES_FILE, powerPricesJson);
/** Validates a document of POWER_PRICES_FILE; throws DataFileError naming the file, row and field. */
export const parsePowerPrices: (raw: unknown, fileName?: string) => PowerPriceDistribution = powerPricesFile.parse;
/** The copy bundled with the code, validated once and reused. */
export const loadPowerPrices: () => PowerPriceDistribution = powerPricesFile.load;
