/**
 * price-level: the BTC price is below a watched level (default $74,500, a level public reporting
 * tied to miner break-even in early 2026). One subject per level. The raise dwell stands in for
 * "closes below" on 10-minute snapshots; it clears once price is a band above the level.
 */
import type { SignalDetector } from '../detector';
import { num, pct, usd } from '../format';
import type { SignalsConfig } from '../signalsConfig';

type Config = SignalsConfig['price-level'];

export const priceLevelDetector: SignalDetector<Config> = {
  signal: 'price-level',
  observe(input, config) {
    return config.levelsUsd.map((level) => ({
      signal: 'price-level' as const,
      subject: String(level),
      entered: input.btcPriceUsd < level ? ('warning' as const) : undefined,
      recovered: input.btcPriceUsd > level * (1 + config.hysteresisPct / 100),
      evidence: {
        values: { btcPriceUsd: input.btcPriceUsd, distanceFromLevelPct: (input.btcPriceUsd / level - 1) * 100 },
        thresholds: { levelUsd: level, hysteresisPct: config.hysteresisPct, raiseDwellHours: config.raiseDwellHours },
      },
    }));
  },
  describe({ transition, evidence }) {
    const v = evidence.values;
    const level = num(evidence.thresholds.levelUsd);
    const price = num(v.btcPriceUsd);
    const details = [
      `BTC ${usd(price)} (${pct(num(v.distanceFromLevelPct), 2)} from ${usd(level)})`,
      `Raised once price has stayed below the level for ${num(evidence.thresholds.raiseDwellHours)} h; clears ${pct(num(evidence.thresholds.hysteresisPct))} above it`,
    ];
    if (transition === 'cleared') {
      return {
        title: `BTC back above ${usd(level)} at ${usd(price)}`,
        summary: 'Price has recovered above the level you watch.',
        details,
      };
    }
    return {
      title: `BTC below ${usd(level)} at ${usd(price)}`,
      summary: "Price is below the level you watch: hashprice falls with it, and so does every fleet's margin.",
      details,
    };
  },
};
