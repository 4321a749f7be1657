/**
 * price-level: the BTC price is below a watched level (default $74,500, a level public reporting
 * tied to miner break-even in early 2026). One subject per level. Each level is judged the way
 * traders read it, set per level (`judgedOn`): on the live price (the raise dwell stands in for
 * "holds below" on 10-minute snapshots), on the last daily close, or on the last weekly close (UTC
 * week, closing Sunday 24:00; the default for $74,500, where "failure to reclaim" is a weekly close
 * below it). It clears once the judged price is a band above the level. A level judged on a close
 * gives no verdict until a close is known (no daily history yet): its state is kept as it is.
 */
import type { SignalDetector } from '../detector';
import type { Observation } from '../observation';
import { num, pct, usd } from '../format';
import type { SignalInput } from '../signalInput';
import type { SignalsConfig } from '../signalsConfig';

type Config = SignalsConfig['price-level'];
type JudgedOn = Config['defaultJudgedOn'];

/** The price a level is judged on, and when that price was set. */
export function judgedPrice(input: SignalInput, judgedOn: JudgedOn): { usd: number; at: string } | undefined {
  if (judgedOn === 'live') return { usd: input.btcPriceUsd, at: input.decidedAt };
  const close = judgedOn === 'daily-close' ? input.btcCloses?.daily : input.btcCloses?.weekly;
  if (!close) return undefined;
  return { usd: close.usd, at: 'date' in close ? close.date : close.weekEnding };
}

const JUDGED_ON_TEXT: Record<JudgedOn, string> = {
  live: 'live price',
  'daily-close': 'daily close',
  'weekly-close': 'weekly close',
};

export const priceLevelDetector: SignalDetector<Config> = {
  signal: 'price-level',
  observe(input, config) {
    const out: Observation[] = [];
    for (const level of config.levelsUsd) {
      const judgedOn = config.judgedOn[String(level)] ?? config.defaultJudgedOn;
      const price = judgedPrice(input, judgedOn);
      if (!price) {
        // No close known yet: observe the subject without a verdict, so its state is kept (a
        // subject with no observation would be retired as removed from the config).
        out.push({
          signal: 'price-level' as const,
          subject: String(level),
          entered: undefined,
          recovered: false,
          evidence: {
            values: { btcPriceUsd: input.btcPriceUsd, judgedOn, judgedPriceUsd: null, judgedPriceAt: null },
            thresholds: {
              levelUsd: level,
              hysteresisPct: config.hysteresisPct,
              raiseDwellHours: config.raiseDwellHours,
            },
          },
        });
        continue;
      }
      out.push({
        signal: 'price-level' as const,
        subject: String(level),
        entered: price.usd < level ? ('warning' as const) : undefined,
        recovered: price.usd > level * (1 + config.hysteresisPct / 100),
        evidence: {
          values: {
            btcPriceUsd: input.btcPriceUsd,
            judgedOn,
            judgedPriceUsd: price.usd,
            judgedPriceAt: price.at,
            distanceFromLevelPct: (price.usd / level - 1) * 100,
          },
          thresholds: { levelUsd: level, hysteresisPct: config.hysteresisPct, raiseDwellHours: config.raiseDwellHours },
        },
      });
    }
    return out;
  },
  describe({ transition, evidence }) {
    const v = evidence.values;
    const level = num(evidence.thresholds.levelUsd);
    const judged = num(v.judgedPriceUsd);
    const judgedOn = String(v.judgedOn) as JudgedOn;
    const basis = JUDGED_ON_TEXT[judgedOn] ?? String(v.judgedOn);
    const closeLine =
      judgedOn === 'live' ? [] : [`Judged on the ${basis} of ${String(v.judgedPriceAt)} (UTC): ${usd(judged)}`];
    const details = [
      `BTC ${usd(num(v.btcPriceUsd))} now; ${basis} ${pct(num(v.distanceFromLevelPct), 2)} from ${usd(level)}`,
      ...closeLine,
      judgedOn === 'live'
        ? `Raised once price has stayed below the level for ${num(evidence.thresholds.raiseDwellHours)} h; clears ${pct(num(evidence.thresholds.hysteresisPct))} above it`
        : `Raised on a ${basis} below the level; clears on a ${basis} ${pct(num(evidence.thresholds.hysteresisPct))} above it`,
    ];
    if (transition === 'cleared') {
      return {
        title:
          judgedOn === 'live'
            ? `BTC back above ${usd(level)} at ${usd(judged)}`
            : `BTC ${basis} back above ${usd(level)} at ${usd(judged)}`,
        summary: 'Price has recovered above the level you watch.',
        details,
      };
    }
    return {
      title:
        judgedOn === 'live'
          ? `BTC below ${usd(level)} at ${usd(judged)}`
          : `BTC ${basis} below ${usd(level)} at ${usd(judged)}`,
      summary: "Price is below the level you watch: hashprice falls with it, and so does every fleet's margin.",
      details,
    };
  },
};
