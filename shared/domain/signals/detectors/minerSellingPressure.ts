/**
 * miner-selling-pressure: the listed miners together sold at least the configured share of what
 * they produced over the last months they reported (those with both figures in a month count, so
 * a miner that reports neither does not dilute the share). One subject, `sector`. Judged from the
 * reports public by the decision; a window ending more than `maxMonthsAfterWindow` months before
 * it no longer raises.
 */
import { monthIndex, type MinerPeriod } from '../../minerTreasury/treasuryPeriod';
import { sectorSellingAt } from '../../minerTreasury/treasuryAlerts';
import * as z from '../../../schema/z';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';

const NO_PERIODS: readonly MinerPeriod[] = [];

const btc = (value: number): string => `${value.toLocaleString('en-US', { maximumFractionDigits: 0 })} BTC`;

export const minerSellingPressureDetector = defineSignal({
  id: 'miner-selling-pressure',
  color: '#ad494a',
  watches: ['miner-sales'],
  config: z
    .strictObject({
      ...timingConfig(24, 168),
      /** Months summed (the listed miners that reported both production and sales in them). */
      windowMonths: z._default(z.int().check(z.minimum(1), z.maximum(12)), 3),
      /** Raise when the sector sold at least this share of what it produced, percent (100: the treasuries shrink). */
      soldOfProducedPct: z._default(z.number().check(z.minimum(1), z.maximum(10_000)), 100),
      /** Critical from this share. */
      criticalSoldOfProducedPct: z._default(z.number().check(z.minimum(1), z.maximum(10_000)), 200),
      /** Fewer companies in the window than this: no judgement. */
      minCompanies: z._default(z.int().check(z.minimum(1), z.maximum(20)), 2),
      /** A window ending more than this many months before the decision says nothing now. */
      maxMonthsAfterWindow: z._default(z.int().check(z.minimum(1), z.maximum(12)), 4),
    })
    .check(
      z.refine((c) => c.criticalSoldOfProducedPct >= c.soldOfProducedPct, {
        path: ['criticalSoldOfProducedPct'],
        message: 'must be at least soldOfProducedPct',
      }),
    ),
  evidence: {
    values: {
      fromMonth: e.text,
      toMonth: e.text,
      companies: e.text,
      btcSold: e.number,
      btcProduced: e.number,
      shareOfProductionSoldPct: e.number,
    },
    thresholds: {
      windowMonths: e.number,
      soldOfProducedPct: e.number,
      criticalSoldOfProducedPct: e.number,
      minCompanies: e.number,
    },
  },
  figureNames: {
    fromMonth: 'From',
    toMonth: 'To',
    companies: 'Companies reporting both figures',
    btcSold: 'Sold',
    btcProduced: 'Mined',
    shareOfProductionSoldPct: 'Share of production sold',
  },
  docs: (c) => ({
    subjects: 'subject `sector`',
    raises: `the listed miners that reported both figures sold ${c.soldOfProducedPct}% or more of what they mined over the last ${c.windowMonths} reported months (at least ${c.minCompanies} companies counted)`,
    severity: `critical at ${c.criticalSoldOfProducedPct}%`,
    clears: `under ${c.soldOfProducedPct}%, or the window ends more than ${c.maxMonthsAfterWindow} months before`,
  }),
  judges: (input) => input.minerPeriods !== undefined,
  judgedDaily: true,
  observe(input, config) {
    const atDate = input.decidedAt.slice(0, 10);
    const sector = sectorSellingAt(input.minerPeriods ?? NO_PERIODS, atDate, config);
    if (!sector || sector.shareOfProductionSoldPct === null) return [];
    const ageMonths = monthIndex(atDate.slice(0, 7)) - monthIndex(sector.toMonth);
    const current = ageMonths <= config.maxMonthsAfterWindow;
    const share = sector.shareOfProductionSoldPct;
    return [
      {
        subject: 'sector',
        entered:
          current && share >= config.soldOfProducedPct
            ? share >= config.criticalSoldOfProducedPct
              ? 'critical'
              : 'warning'
            : undefined,
        recovered: !current || share < config.soldOfProducedPct,
        evidence: {
          values: {
            fromMonth: sector.fromMonth,
            toMonth: sector.toMonth,
            companies: sector.tickers.join(','),
            btcSold: sector.btcSold,
            btcProduced: sector.btcProduced,
            shareOfProductionSoldPct: share,
          },
          thresholds: {
            windowMonths: config.windowMonths,
            soldOfProducedPct: config.soldOfProducedPct,
            criticalSoldOfProducedPct: config.criticalSoldOfProducedPct,
            minCompanies: config.minCompanies,
          },
        },
      },
    ];
  },
  describe({ transition, evidence }) {
    const v = evidence.values;
    const stillAbove =
      evidenceNumber(v.shareOfProductionSoldPct) >= evidenceNumber(evidence.thresholds.soldOfProducedPct);
    const share = `${evidenceNumber(v.shareOfProductionSoldPct).toFixed(0)}%`;
    const details = [
      `Months ${String(v.fromMonth)} to ${String(v.toMonth)}, companies reporting both figures: ${String(v.companies).split(',').join(', ')}`,
      `Sold ${btc(evidenceNumber(v.btcSold))} against ${btc(evidenceNumber(v.btcProduced))} mined: ${share}`,
    ];
    if (transition === 'cleared')
      return {
        title: stillAbove
          ? `Listed miners' selling: no report newer than ${String(v.toMonth)}`
          : `Listed miners' selling eased to ${share} of production`,
        summary:
          'The listed miners no longer sell more than they mine over the window, or their reports are too old to say.',
        details,
      };
    return {
      title: `Listed miners sold ${share} of what they mined (${String(v.fromMonth)} to ${String(v.toMonth)})`,
      summary:
        'The listed miners are selling from their treasuries, not only their production: supply pressure on the market, and miners under stress.',
      details,
    };
  },
});
