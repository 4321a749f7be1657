/**
 * hashprice-floor: hashprice below a floor (default $30/PH/s/day). Below the floor: warning; below
 * it and far under its 90-day mean (default 20%): critical. A sharp fall alone is not a floor: it
 * raises a warning only while hashprice is near the floor (at most `nearFloorPct`, default 20%,
 * above it), so the signal never raises while hashprice is comfortably above the floor (on
 * 2021-05-15 hashprice was $255, 28% under its mean, and every machine on earth was profitable).
 * The fall is carried in the event as context (how far under the 90-day mean). Clears once
 * hashprice is back above the floor by its band (3%) and is no longer a near-floor sharp fall.
 */
import { networkWideDetector, type SignalDetector } from '../detector';
import { pct } from '../format';
import { evidenceNumber } from '../evidence';
import type { SignalsConfig } from '../signalsConfig';

type Config = SignalsConfig['hashprice-floor'];

export const hashpriceFloorDetector: SignalDetector<Config> = networkWideDetector({
  signal: 'hashprice-floor',
  figure: (input) => input.hashprice,
  observe(h, config: Config, input) {
    const mean = h.mean90dUsdPerPhDay;
    const underMeanPct = mean !== undefined ? (1 - h.usdPerPhDay / mean) * 100 : undefined;
    const abovefloorPct = (h.usdPerPhDay / config.floorUsdPerPhDay - 1) * 100;
    const belowFloor = h.usdPerPhDay < config.floorUsdPerPhDay;
    const nearFloor = abovefloorPct <= config.nearFloorPct;
    const belowMean = underMeanPct !== undefined && underMeanPct >= config.belowMean90dPct;
    const aboveFloorBand = h.usdPerPhDay >= config.floorUsdPerPhDay * (1 + config.hysteresisPct / 100);
    const nearMean =
      underMeanPct === undefined || underMeanPct <= config.belowMean90dPct - config.meanHysteresisPctPoints;
    return {
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
    };
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
