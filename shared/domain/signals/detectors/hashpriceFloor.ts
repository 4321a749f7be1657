/**
 * hashprice-floor: hashprice below a floor (default $30/PH/s/day). Below the floor: warning; below
 * it and far under its 90-day mean (default 20%): critical. A sharp fall alone is not a floor: it
 * raises a warning only while hashprice is near the floor (at most `nearFloorPct`, default 20%,
 * above it), so the signal never raises while hashprice is comfortably above the floor (on
 * 2021-05-15 hashprice was $255, 28% under its mean, and every machine on earth was profitable).
 * The fall is carried in the event as context (how far under the 90-day mean). Clears once
 * hashprice is back above the floor by its band (3%) and is no longer a near-floor sharp fall.
 */
import * as z from '../../../schema/z';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { pct } from '../format';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';

export const hashpriceFloorDetector = defineSignal({
  id: 'hashprice-floor',
  color: '#e377c2',
  watches: ['hashprice'],
  config: z.strictObject({
    ...timingConfig(6, 72),
    /** Hashprice below this floor, USD/PH/s/day, meets the condition. */
    floorUsdPerPhDay: z._default(z.number().check(z.positive()), 30),
    /**
     * A hashprice this many percent under its 90-day mean makes a floor breach critical; it raises a
     * warning on its own only while hashprice is near the floor (within nearFloorPct above it): a
     * sharp fall from a high level is not a floor (2021-05-15: $255, 28% under the mean).
     */
    belowMean90dPct: z._default(z.number().check(z.positive(), z.maximum(100)), 20),
    /** "Near the floor": at most this many percent above it. Above that, the floor never raises. */
    nearFloorPct: z._default(z.number().check(z.nonnegative(), z.maximum(200)), 20),
    /** It clears once hashprice is this many percent above the floor... */
    hysteresisPct: z._default(z.number().check(z.nonnegative(), z.maximum(50)), 3),
    /**
     * ...and this many points less far under its 90-day mean than belowMean90dPct. Wider than the
     * floor's band: daily hashprice swings several percent with block luck and price.
     */
    meanHysteresisPctPoints: z._default(z.number().check(z.nonnegative(), z.maximum(50)), 8),
  }),
  evidence: {
    values: {
      hashpriceUsdPerPhDay: e.number,
      hashpriceBasis: e.text,
      mean90dUsdPerPhDay: e.numberOrNull,
      underMean90dPct: e.numberOrNull,
      aboveFloorPct: e.number,
      belowFloor: e.flag,
      nearFloor: e.flag,
      belowMean: e.flag,
      btcPriceUsd: e.number,
    },
    thresholds: {
      floorUsdPerPhDay: e.number,
      belowMean90dPct: e.number,
      nearFloorPct: e.number,
      hysteresisPct: e.number,
      meanHysteresisPctPoints: e.number,
    },
  },
  figureNames: {
    hashpriceUsdPerPhDay: 'Hashprice',
    mean90dUsdPerPhDay: '90-day mean hashprice',
    underMean90dPct: 'Under the 90-day mean',
    aboveFloorPct: 'From the floor',
    floorUsdPerPhDay: 'Floor',
  },
  docs: (c) => ({
    raises: `hashprice below $${c.floorUsdPerPhDay}/PH/day; or near the floor (at most ${c.nearFloorPct}% above it, \`nearFloorPct\`) and ${c.belowMean90dPct}% or more under its 90-day mean. Never while hashprice is comfortably above the floor: a sharp fall from $350 to $255 (2021-05-15) is not a floor; the fall is context in the event`,
    severity: `critical when below the floor and ${c.belowMean90dPct}% under the mean`,
    clears: `above $${(c.floorUsdPerPhDay * (1 + c.hysteresisPct / 100)).toFixed(2)} (${c.hysteresisPct}% band) and no longer a near-floor sharp fall (within ${c.belowMean90dPct - c.meanHysteresisPctPoints}% of the mean, or more than ${c.nearFloorPct}% above the floor)`,
  }),
  observe(input, config) {
    const h = input.hashprice;
    if (h === undefined) return [];
    const mean = h.mean90dUsdPerPhDay;
    const underMeanPct = mean !== undefined ? (1 - h.usdPerPhDay / mean) * 100 : undefined;
    const abovefloorPct = (h.usdPerPhDay / config.floorUsdPerPhDay - 1) * 100;
    const belowFloor = h.usdPerPhDay < config.floorUsdPerPhDay;
    const nearFloor = abovefloorPct <= config.nearFloorPct;
    const belowMean = underMeanPct !== undefined && underMeanPct >= config.belowMean90dPct;
    const aboveFloorBand = h.usdPerPhDay >= config.floorUsdPerPhDay * (1 + config.hysteresisPct / 100);
    const nearMean =
      underMeanPct === undefined || underMeanPct <= config.belowMean90dPct - config.meanHysteresisPctPoints;
    return [
      {
        subject: '',
        entered: belowFloor ? (belowMean ? 'critical' : 'warning') : nearFloor && belowMean ? 'warning' : undefined,
        recovered: aboveFloorBand && (nearMean || !nearFloor),
        evidence: {
          values: {
            hashpriceUsdPerPhDay: h.usdPerPhDay,
            hashpriceBasis: h.basis,
            mean90dUsdPerPhDay: mean ?? null,
            underMean90dPct: underMeanPct ?? null,
            aboveFloorPct: abovefloorPct,
            belowFloor,
            nearFloor,
            belowMean,
            btcPriceUsd: input.btcPriceUsd,
          },
          thresholds: {
            floorUsdPerPhDay: config.floorUsdPerPhDay,
            belowMean90dPct: config.belowMean90dPct,
            nearFloorPct: config.nearFloorPct,
            hysteresisPct: config.hysteresisPct,
            meanHysteresisPctPoints: config.meanHysteresisPctPoints,
          },
        },
      },
    ];
  },
  describe({ transition, evidence, money }) {
    const v = evidence.values;
    const t = evidence.thresholds;
    const hp = evidenceNumber(v.hashpriceUsdPerPhDay);
    const floor = evidenceNumber(t.floorUsdPerPhDay);
    const meanLine =
      v.mean90dUsdPerPhDay === null
        ? '90-day mean: not enough history yet'
        : `Context, the fall: 90-day mean ${money.amount(evidenceNumber(v.mean90dUsdPerPhDay), 2)}/PH/day (now ${pct(evidenceNumber(v.underMean90dPct))} under it; ${pct(evidenceNumber(t.belowMean90dPct), 0)} or more counts as a sharp fall)`;
    const details = [
      `Hashprice (${v.hashpriceBasis}): ${money.hashprice(hp)} at BTC ${money.amount(evidenceNumber(v.btcPriceUsd))}`,
      `Floor: ${money.amount(floor, 2)}/PH/day (now ${pct(evidenceNumber(v.aboveFloorPct))} from it; near the floor = within ${pct(evidenceNumber(t.nearFloorPct), 0)} above)`,
      meanLine,
    ];
    if (transition === 'cleared') {
      return {
        title: `Hashprice recovered to ${money.amount(hp, 2)}/PH/day`,
        summary:
          'Revenue per unit of hashrate is back above the floor you set: most machines earn their power bill again.',
        details,
      };
    }
    const why =
      v.belowFloor === true && v.belowMean === true
        ? `below the ${money.amount(floor)} floor and ${pct(evidenceNumber(v.underMean90dPct), 0)} under its 90d mean`
        : v.belowFloor === true
          ? `below the ${money.amount(floor)} floor`
          : `${pct(evidenceNumber(v.aboveFloorPct), 0)} above the ${money.amount(floor)} floor after a ${pct(evidenceNumber(v.underMean90dPct), 0)} fall`;
    return {
      title: `Hashprice ${money.amount(hp, 2)}/PH/day, ${why}`,
      summary:
        'Each PH/s of hashrate earns less per day than your threshold: older machines (above ~20 J/TH) on power above ' +
        '5-6 c/kWh are likely losing money; expect them to switch off.',
      details,
    };
  },
});
