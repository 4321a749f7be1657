/**
 * price-level: the BTC price is below a watched level (default $74,500, a level public reporting
 * tied to miner break-even in early 2026). One subject per level. Each level is judged the way
 * traders read it, set per level (`judgedOn`): on the live price (the raise dwell stands in for
 * "holds below" on 10-minute snapshots), on the last daily close, or on the last weekly close (UTC
 * week, closing Sunday 24:00; the default for $74,500, where "failure to reclaim" is a weekly close
 * below it). It clears once the judged price is a band above the level. A level judged on a close
 * gives no verdict until a close is known (no daily history yet): its state is kept as it is.
 * Levels in another currency (`levels` with `currency`) are judged on the live BTC price in that
 * currency (mempool's), subject "<level> <currency>"; without that price they decide nothing.
 */
import * as z from '../../../schema/z';
import type { EventDescription } from '../detector';
import { defineSignal, evidenceOf as e, type TypedDescribeInput, type TypedObservation } from '../defineSignal';
import { pct } from '../format';
import { evidenceNumber } from '../evidence';
import type { SignalInput } from '../signalInput';
import { timingConfig } from '../signalTiming';
import { currencySchema, isCurrency, type Currency } from '../../currency';
import { formatMoney } from '../../money';

/** What a watched price level is judged on: the live price, the last daily close or the last weekly close (UTC). */
const priceJudgedOnSchema = z.enum(['live', 'daily-close', 'weekly-close']);
type JudgedOn = z.infer<typeof priceJudgedOnSchema>;

const priceLevelConfig = z.strictObject({
  ...timingConfig(1, 24),
  /** Watched BTC price levels, USD; each is its own signal subject. */
  levelsUsd: z._default(
    z.array(z.number().check(z.minimum(1), z.maximum(10_000_000))).check(z.maxLength(20)),
    [74_500],
  ),
  /**
   * Levels watched in another currency mempool prices (`currency`), each its own subject
   * ("70000 EUR"), judged on the snapshot's BTC price in that currency. A snapshot without that
   * price decides nothing for them (their state is kept as it is).
   */
  levels: z._default(z.array(z.number().check(z.positive())).check(z.maxLength(20)), []),
  currency: z._default(currencySchema, 'USD'),
  /**
   * Per level (keyed by the level as written in levelsUsd, e.g. "74500"): what it is judged on. The
   * $74,500 level comes from the weekly chart, where "failure to reclaim" is a weekly close below it.
   */
  judgedOn: z._default(
    z.record(z.string().check(z.regex(/^\d+(\.\d+)?$/, 'a level, e.g. "74500"')), priceJudgedOnSchema),
    { '74500': 'weekly-close' },
  ),
  /** What a level missing from judgedOn is judged on. */
  defaultJudgedOn: z._default(priceJudgedOnSchema, 'live'),
  /** It clears once price is this many percent above the level. */
  hysteresisPct: z._default(z.number().check(z.nonnegative(), z.maximum(50)), 2),
});
type Config = z.output<typeof priceLevelConfig>;

/**
 * A USD level's evidence (judged on `judgedOn`, without a verdict until a close is known), or a
 * level in its own currency (`level`, `levelCurrency`, judged live on `btcPrice`).
 */
const EVIDENCE = {
  values: {
    btcPriceUsd: e.number,
    btcPrice: z.optional(e.number),
    judgedOn: z.optional(e.text),
    judgedPriceUsd: z.optional(e.numberOrNull),
    judgedPriceAt: z.optional(e.textOrNull),
    distanceFromLevelPct: z.optional(e.number),
  },
  thresholds: {
    levelUsd: z.optional(e.number),
    level: z.optional(e.number),
    levelCurrency: z.optional(e.text),
    hysteresisPct: e.number,
    raiseDwellHours: e.number,
  },
};
type Values = (typeof EVIDENCE)['values'];
type Thresholds = (typeof EVIDENCE)['thresholds'];

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

function observeLevel(
  level: number,
  currency: Currency,
  price: number,
  btcPriceUsd: number,
  config: Config,
): TypedObservation<Values, Thresholds> {
  const evidence: TypedObservation<Values, Thresholds>['evidence'] =
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
    subject: currency === 'USD' ? String(level) : `${level} ${currency}`,
    entered: price < level ? ('warning' as const) : undefined,
    recovered: price > level * (1 + config.hysteresisPct / 100),
    evidence,
  };
}

export const priceLevelDetector = defineSignal({
  id: 'price-level',
  color: '#7f7f7f',
  watches: ['btc-price'],
  config: priceLevelConfig,
  evidence: EVIDENCE,
  figureNames: {
    btcPriceUsd: 'BTC price',
    btcPrice: 'BTC price',
    judgedOn: 'Judged on',
    judgedPriceUsd: 'Judged price',
    judgedPriceAt: 'Judged price of',
    distanceFromLevelPct: 'From the level',
    levelUsd: 'Level',
    level: 'Level',
    levelCurrency: 'Level currency',
    hysteresisPct: 'Clears above the level by',
    raiseDwellHours: 'Raise dwell',
  },
  docs: (c) => ({
    subjects: 'one per level',
    raises: `BTC below a watched level (default ${c.levelsUsd.map((l) => `$${l.toLocaleString('en-US')}`).join(', ')}), judged per level on the live price, the last daily close or the last weekly close (UTC; \`judgedOn\`, default weekly close for $74,500, where "failure to reclaim" is a weekly close below it)`,
    severity: 'warning',
    clears: `the judged price ${c.hysteresisPct}% above the level`,
  }),
  observe(input, config) {
    const out: TypedObservation<Values, Thresholds>[] = [];
    for (const level of config.levelsUsd) {
      const judgedOn = config.judgedOn[String(level)] ?? config.defaultJudgedOn;
      const price = judgedPrice(input, judgedOn);
      if (!price) {
        // No close known yet: observe the subject without a verdict, so its state is kept (a
        // subject with no observation would be retired as removed from the config).
        out.push({
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
    const price = config.currency === 'USD' ? input.btcPriceUsd : input.btcPriceIn?.[config.currency];
    if (price !== undefined)
      for (const level of config.levels)
        out.push(observeLevel(level, config.currency, price, input.btcPriceUsd, config));
    return out;
  },
  describe(input) {
    // A level in its own currency (levels + currency) is judged live and written in it.
    const own = input.evidence.thresholds.levelCurrency;
    return typeof own === 'string' && isCurrency(own) ? describeOwnCurrencyLevel(input) : describeUsdLevel(input);
  },
});

function describeOwnCurrencyLevel({
  transition,
  evidence,
  money,
}: TypedDescribeInput<Values, Thresholds>): EventDescription {
  const v = evidence.values;
  const t = evidence.thresholds;
  // A level in its own currency is written in it; a USD level in the owner's text currency.
  const own = typeof t.levelCurrency === 'string' && isCurrency(t.levelCurrency) ? t.levelCurrency : undefined;
  const level = own ? formatMoney(evidenceNumber(t.level), own) : money.amount(evidenceNumber(t.levelUsd));
  const price = own ? formatMoney(evidenceNumber(v.btcPrice), own) : money.amount(evidenceNumber(v.btcPriceUsd));
  const details = [
    `BTC ${price} (${pct(evidenceNumber(v.distanceFromLevelPct), 2)} from ${level})`,
    `Raised once price has stayed below the level for ${evidenceNumber(t.raiseDwellHours)} h; clears ${pct(evidenceNumber(t.hysteresisPct))} above it`,
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
}

function describeUsdLevel({ transition, evidence, money }: TypedDescribeInput<Values, Thresholds>): EventDescription {
  const v = evidence.values;
  const level = evidenceNumber(evidence.thresholds.levelUsd);
  const judged = evidenceNumber(v.judgedPriceUsd);
  const judgedOn = String(v.judgedOn) as JudgedOn;
  const basis = JUDGED_ON_TEXT[judgedOn] ?? String(v.judgedOn);
  const closeLine =
    judgedOn === 'live' ? [] : [`Judged on the ${basis} of ${String(v.judgedPriceAt)} (UTC): ${money.amount(judged)}`];
  const details = [
    `BTC ${money.amount(evidenceNumber(v.btcPriceUsd))} now; ${basis} ${pct(evidenceNumber(v.distanceFromLevelPct), 2)} from ${money.amount(level)}`,
    ...closeLine,
    judgedOn === 'live'
      ? `Raised once price has stayed below the level for ${evidenceNumber(evidence.thresholds.raiseDwellHours)} h; clears ${pct(evidenceNumber(evidence.thresholds.hysteresisPct))} above it`
      : `Raised on a ${basis} below the level; clears on a ${basis} ${pct(evidenceNumber(evidence.thresholds.hysteresisPct))} above it`,
  ];
  if (transition === 'cleared') {
    return {
      title:
        judgedOn === 'live'
          ? `BTC back above ${money.amount(level)} at ${money.amount(judged)}`
          : `BTC ${basis} back above ${money.amount(level)} at ${money.amount(judged)}`,
      summary: 'Price has recovered above the level you watch.',
      details,
    };
  }
  return {
    title:
      judgedOn === 'live'
        ? `BTC below ${money.amount(level)} at ${money.amount(judged)}`
        : `BTC ${basis} below ${money.amount(level)} at ${money.amount(judged)}`,
    summary: "Price is below the level you watch: hashprice falls with it, and so does every fleet's margin.",
    details,
  };
}
