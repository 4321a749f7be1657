/**
 * price-level: the BTC price is below a watched level (default $74,500, a level public reporting
 * tied to miner break-even in early 2026). One subject per level. The raise dwell stands in for
 * "closes below" on 10-minute snapshots; it clears once price is a band above the level.
 * Levels in another currency (`levels` with `currency`) are judged on the snapshot's BTC price in
 * that currency (mempool's), subject "<level> <currency>"; without that price they decide nothing.
 */
import type { SignalDetector } from '../detector';
import { num, pct } from '../format';
import type { SignalsConfig } from '../signalsConfig';
import { isCurrency, type Currency } from '../../currency';
import { formatMoney } from '../../money';
import type { Evidence } from '../evidence';
import type { Observation } from '../observation';

type Config = SignalsConfig['price-level'];

function observeLevel(
  level: number,
  currency: Currency,
  price: number,
  btcPriceUsd: number,
  config: Config,
): Observation {
  const evidence: Evidence =
    currency === 'USD'
      ? {
          values: { btcPriceUsd: price, distanceFromLevelPct: (price / level - 1) * 100 },
          thresholds: { levelUsd: level, hysteresisPct: config.hysteresisPct, raiseDwellHours: config.raiseDwellHours },
        }
      : {
          values: { btcPrice: price, btcPriceUsd, distanceFromLevelPct: (price / level - 1) * 100 },
          thresholds: {
            level,
            levelCurrency: currency,
            hysteresisPct: config.hysteresisPct,
            raiseDwellHours: config.raiseDwellHours,
          },
        };
  return {
    signal: 'price-level' as const,
    subject: currency === 'USD' ? String(level) : `${level} ${currency}`,
    entered: price < level ? ('warning' as const) : undefined,
    recovered: price > level * (1 + config.hysteresisPct / 100),
    evidence,
  };
}

export const priceLevelDetector: SignalDetector<Config> = {
  signal: 'price-level',
  observe(input, config) {
    const observations = config.levelsUsd.map((level) =>
      observeLevel(level, 'USD', input.btcPriceUsd, input.btcPriceUsd, config),
    );
    const price = config.currency === 'USD' ? input.btcPriceUsd : input.btcPriceIn?.[config.currency];
    if (price !== undefined)
      for (const level of config.levels)
        observations.push(observeLevel(level, config.currency, price, input.btcPriceUsd, config));
    return observations;
  },
  describe({ transition, evidence, money }) {
    const v = evidence.values;
    const t = evidence.thresholds;
    // A level in its own currency is written in it; a USD level in the owner's text currency.
    const own = typeof t.levelCurrency === 'string' && isCurrency(t.levelCurrency) ? t.levelCurrency : undefined;
    const level = own ? formatMoney(num(t.level), own) : money.amount(num(t.levelUsd));
    const price = own ? formatMoney(num(v.btcPrice), own) : money.amount(num(v.btcPriceUsd));
    const details = [
      `BTC ${price} (${pct(num(v.distanceFromLevelPct), 2)} from ${level})`,
      `Raised once price has stayed below the level for ${num(t.raiseDwellHours)} h; clears ${pct(num(t.hysteresisPct))} above it`,
    ];
    if (transition === 'cleared') {
      return {
        title: `BTC back above ${level} at ${price}`,
        summary: 'Price has recovered above the level you watch.',
        details,
      };
    }
    return {
      title: `BTC below ${level} at ${price}`,
      summary: "Price is below the level you watch: hashprice falls with it, and so does every fleet's margin.",
      details,
    };
  },
};
