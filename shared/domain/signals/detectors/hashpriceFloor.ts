/**
 * hashprice-floor: hashprice below a floor (default $30/PH/s/day) or far under its 90-day mean
 * (default 20%). One condition: warning; both at once: critical. Clears once hashprice is back
 * above the floor by its band (3%) and within 12% of the mean (an 8-point band).
 */
import type { SignalDetector } from '../detector';
import { num, pct, usd } from '../format';
import type { SignalsConfig } from '../signalsConfig';

type Config = SignalsConfig['hashprice-floor'];

export const hashpriceFloorDetector: SignalDetector<Config> = {
  signal: 'hashprice-floor',
  observe(input, config) {
    const h = input.hashprice;
    if (!h) return [];
    const mean = h.mean90dUsdPerPhDay;
    const underMeanPct = mean !== undefined ? (1 - h.usdPerPhDay / mean) * 100 : undefined;
    const belowFloor = h.usdPerPhDay < config.floorUsdPerPhDay;
    const belowMean = underMeanPct !== undefined && underMeanPct >= config.belowMean90dPct;
    const aboveFloorBand = h.usdPerPhDay >= config.floorUsdPerPhDay * (1 + config.hysteresisPct / 100);
    const nearMean =
      underMeanPct === undefined || underMeanPct <= config.belowMean90dPct - config.meanHysteresisPctPoints;
    return [
      {
        signal: 'hashprice-floor',
        subject: '',
        entered: belowFloor && belowMean ? 'critical' : belowFloor || belowMean ? 'warning' : undefined,
        recovered: aboveFloorBand && nearMean,
        evidence: {
          values: {
            hashpriceUsdPerPhDay: h.usdPerPhDay,
            hashpriceBasis: h.basis,
            mean90dUsdPerPhDay: mean ?? null,
            underMean90dPct: underMeanPct ?? null,
            belowFloor,
            belowMean,
            btcPriceUsd: input.btcPriceUsd,
          },
          thresholds: {
            floorUsdPerPhDay: config.floorUsdPerPhDay,
            belowMean90dPct: config.belowMean90dPct,
            hysteresisPct: config.hysteresisPct,
            meanHysteresisPctPoints: config.meanHysteresisPctPoints,
          },
        },
      },
    ];
  },
  describe({ transition, evidence }) {
    const v = evidence.values;
    const t = evidence.thresholds;
    const hp = num(v.hashpriceUsdPerPhDay);
    const floor = num(t.floorUsdPerPhDay);
    const meanLine =
      v.mean90dUsdPerPhDay === null
        ? '90-day mean: not enough history yet'
        : `90-day mean: ${usd(num(v.mean90dUsdPerPhDay), 2)}/PH/day (now ${pct(num(v.underMean90dPct))} under it; threshold ${pct(num(t.belowMean90dPct), 0)})`;
    const details = [
      `Hashprice (${v.hashpriceBasis}): ${usd(hp, 2)}/PH/s/day at BTC ${usd(num(v.btcPriceUsd))}`,
      meanLine,
      `Floor: ${usd(floor, 2)}/PH/day`,
    ];
    if (transition === 'cleared') {
      return {
        title: `Hashprice recovered to ${usd(hp, 2)}/PH/day`,
        summary:
          'Revenue per unit of hashrate is back above the floor you set: most machines earn their power bill again.',
        details,
      };
    }
    const why =
      v.belowFloor === true && v.belowMean === true
        ? `below ${usd(floor)} and ${pct(num(v.underMean90dPct), 0)} under its 90d mean`
        : v.belowFloor === true
          ? `below the ${usd(floor)} floor`
          : `${pct(num(v.underMean90dPct), 0)} under its 90-day mean`;
    return {
      title: `Hashprice ${usd(hp, 2)}/PH/day, ${why}`,
      summary:
        'Each PH/s of hashrate earns less per day than your threshold: older machines (above ~20 J/TH) on power above ' +
        '5-6 c/kWh are likely losing money; expect them to switch off.',
      details,
    };
  },
};
