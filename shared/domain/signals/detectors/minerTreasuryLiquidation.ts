/**
 * miner-treasury-liquidation: a listed miner whose latest published period (docs/public-miners.md)
 * sold more bitcoin than it produced, or whose treasury fell by the configured share over about a
 * quarter, or to zero. One subject per company; a period is judged from the day it was public
 * (its `publishedOn`), and once it is older than its length plus `maxMonthsAfterPeriod` it no longer
 * raises: the company has said nothing newer. Treasury to zero, or a fall of at least
 * `criticalQuarterDeclinePct`, is critical.
 */
import * as z from '../../../schema/z';
import { companyLiquidationsAt, DEFAULT_QUARTER_DECLINE_PCT } from '../../minerTreasury/treasuryAlerts';
import type { MinerPeriod } from '../../minerTreasury/treasuryPeriod';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';

const NO_PERIODS: readonly MinerPeriod[] = [];

const btc = (value: number): string => `${value.toLocaleString('en-US', { maximumFractionDigits: 0 })} BTC`;

const REASON_TEXT: Record<string, string> = {
  'sold-more-than-produced': 'sold more than it mined',
  'treasury-fell': 'its treasury fell',
  'treasury-at-zero': 'its treasury is at zero',
};

export const minerTreasuryLiquidationDetector = defineSignal({
  id: 'miner-treasury-liquidation',
  color: '#393b79',
  watches: ['miner-sales'],
  config: z
    .strictObject({
      // Monthly reports, judged every evaluation: a day's dwell, and a week to clear.
      ...timingConfig(24, 168),
      /** Also raise when a company's treasury fell by at least this share over about a quarter, percent. */
      quarterDeclinePct: z._default(z.number().check(z.minimum(1), z.maximum(100)), DEFAULT_QUARTER_DECLINE_PCT),
      /** Critical when it fell by at least this share (a treasury sold to zero is always critical). */
      criticalQuarterDeclinePct: z._default(z.number().check(z.minimum(1), z.maximum(100)), 50),
      /** A period older than its own length plus this many months says nothing now: the company no longer raises. */
      maxMonthsAfterPeriod: z._default(z.int().check(z.minimum(1), z.maximum(12)), 3),
    })
    .check(
      z.refine((c) => c.criticalQuarterDeclinePct >= c.quarterDeclinePct, {
        path: ['criticalQuarterDeclinePct'],
        message: 'must be at least quarterDeclinePct',
      }),
    ),
  evidence: {
    values: {
      company: e.text,
      periodEndMonth: e.text,
      periodMonths: e.number,
      publishedOn: e.text,
      reasons: e.text,
      btcSold: e.numberOrNull,
      btcProduced: e.numberOrNull,
      productionBasis: e.textOrNull,
      shareOfProductionSoldPct: e.numberOrNull,
      btcHeldAtEnd: e.numberOrNull,
      btcHeldQuarterBefore: e.numberOrNull,
      treasuryChangePct: e.numberOrNull,
    },
    thresholds: { quarterDeclinePct: e.number, criticalQuarterDeclinePct: e.number, maxMonthsAfterPeriod: e.number },
  },
  figureNames: {
    periodEndMonth: 'Period ending',
    periodMonths: 'Period months',
    publishedOn: 'Public by',
    btcSold: 'Sold',
    btcProduced: 'Mined',
    shareOfProductionSoldPct: 'Share of production sold',
    btcHeldAtEnd: "Held at the period's end",
    btcHeldQuarterBefore: 'Held about a quarter before',
    treasuryChangePct: 'Treasury change over about a quarter',
  },
  docs: (c) => ({
    subjects: 'one per listed miner',
    raises: `the company's latest published period ([public-miners.md](public-miners.md)) sold more bitcoin than it mined, or its treasury fell ${c.quarterDeclinePct}% or more over about a quarter, or to zero; judged from the day the period was public, and only while the period is at most its length + ${c.maxMonthsAfterPeriod} months old`,
    severity: `critical when the treasury fell ${c.criticalQuarterDeclinePct}% or more, or to zero`,
    clears: 'the latest period shows none of these, or it is older than that',
  }),
  judges: (input) => input.minerPeriods !== undefined,
  judgedDaily: true,
  observe(input, config) {
    const atDate = input.decidedAt.slice(0, 10);
    return companyLiquidationsAt(input.minerPeriods ?? NO_PERIODS, atDate, config).map((o) => {
      const current = (o.ageMonths ?? 0) <= o.periodMonths - 1 + config.maxMonthsAfterPeriod;
      const critical =
        o.reasons.includes('treasury-at-zero') ||
        (o.treasuryChangePct !== null && o.treasuryChangePct <= -config.criticalQuarterDeclinePct);
      return {
        subject: o.ticker,
        entered: current && o.reasons.length > 0 ? (critical ? 'critical' : 'warning') : undefined,
        recovered: !current || o.reasons.length === 0,
        evidence: {
          values: {
            company: o.ticker,
            periodEndMonth: o.month,
            periodMonths: o.periodMonths,
            publishedOn: o.publishedOn,
            reasons: o.reasons.join(','),
            btcSold: o.btcSold,
            btcProduced: o.btcProduced,
            productionBasis: o.productionBasis,
            shareOfProductionSoldPct: o.shareOfProductionSoldPct,
            btcHeldAtEnd: o.btcHeldAtEnd,
            btcHeldQuarterBefore: o.btcHeldQuarterBefore,
            treasuryChangePct: o.treasuryChangePct,
          },
          thresholds: {
            quarterDeclinePct: config.quarterDeclinePct,
            criticalQuarterDeclinePct: config.criticalQuarterDeclinePct,
            maxMonthsAfterPeriod: config.maxMonthsAfterPeriod,
          },
        },
      };
    });
  },
  describe({ subject, severity, transition, evidence }) {
    const v = evidence.values;
    const period = `${evidenceNumber(v.periodMonths) === 1 ? 'month' : 'quarter'} to ${String(v.periodEndMonth)}`;
    const reasons = String(v.reasons ?? '')
      .split(',')
      .filter((r) => r !== '')
      .map((r) => REASON_TEXT[r] ?? r);
    const details = [
      `Period: ${period} (public by ${String(v.publishedOn)})`,
      ...(v.btcSold !== null ? [`Sold ${btc(evidenceNumber(v.btcSold))}`] : []),
      ...(v.btcProduced !== null
        ? [
            `Mined ${btc(evidenceNumber(v.btcProduced))}${v.productionBasis === 'estimated' ? ' (estimated from its latest monthly update)' : ''}`,
          ]
        : []),
      ...(v.shareOfProductionSoldPct !== null
        ? [`Share of production sold: ${evidenceNumber(v.shareOfProductionSoldPct).toFixed(0)}%`]
        : []),
      ...(v.btcHeldAtEnd !== null ? [`Held at the period's end: ${btc(evidenceNumber(v.btcHeldAtEnd))}`] : []),
      ...(v.treasuryChangePct !== null
        ? [
            `Treasury change over about a quarter: ${evidenceNumber(v.treasuryChangePct).toFixed(1)}% (from ${btc(evidenceNumber(v.btcHeldQuarterBefore))})`,
          ]
        : []),
    ];
    if (transition === 'cleared')
      return {
        title: `${subject}: no longer liquidating its treasury`,
        summary:
          'Its latest report no longer shows sales above production or a falling treasury, or it is too old to say.',
        details,
      };
    return {
      title: `${subject}: ${reasons.join(' and ') || 'selling its treasury'} (${String(v.periodEndMonth)})`,
      summary:
        severity === 'critical'
          ? 'A listed miner is emptying its bitcoin treasury: supply on the market, and a sign its mining no longer pays its bills.'
          : 'A listed miner is selling more than it mines: its treasury shrinks, and the coins reach the market.',
      details,
    };
  },
});
