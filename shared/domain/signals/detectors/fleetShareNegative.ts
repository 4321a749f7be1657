/**
 * fleet-share-negative: the share of global hashrate that is cash-flow negative at today's
 * hashprice (machine generations x power price distribution, see the profitability snapshot)
 * reaches 15% (warning) or 20% (critical). Clears once it is a band under the warning level.
 * Judged on the central power-price case; its events report the band across the low and high
 * cases beside it (power price is the model's most contested input, fleetShareBand.ts), when the
 * fleet model has those cases.
 */
import * as z from '../../../schema/z';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { pct } from '../format';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';

export const fleetShareNegativeDetector = defineSignal({
  id: 'fleet-share-negative',
  color: '#ff7f0e',
  watches: ['fleet-economics'],
  config: z
    .strictObject({
      ...timingConfig(6, 48),
      /** Share of global hashrate cash-flow negative, percent. */
      warningPct: z._default(z.number().check(z.minimum(0), z.maximum(100)), 15),
      criticalPct: z._default(z.number().check(z.minimum(0), z.maximum(100)), 20),
      /** It clears once the share is this many percentage points under warningPct. */
      hysteresisPctPoints: z._default(z.number().check(z.nonnegative(), z.maximum(50)), 2),
    })
    .check(
      z.refine((c) => c.criticalPct >= c.warningPct, {
        message: 'criticalPct must be >= warningPct',
        path: ['criticalPct'],
      }),
    ),
  evidence: {
    values: {
      fleetShareNegativePct: e.number,
      // Optional: evidence stored before the band was recorded, or decided without power-price cases, has none.
      fleetShareNegativeLowPct: z.optional(e.number),
      fleetShareNegativeHighPct: z.optional(e.number),
      hashpriceUsdPerPhDay: e.numberOrNull,
      btcPriceUsd: e.number,
    },
    thresholds: { warningPct: e.number, criticalPct: e.number, hysteresisPctPoints: e.number },
  },
  figureNames: {
    fleetShareNegativePct: 'Share of global hashrate cash-flow negative',
    fleetShareNegativeLowPct: 'Band low (across the power-price cases)',
    fleetShareNegativeHighPct: 'Band high (across the power-price cases)',
    hashpriceUsdPerPhDay: 'Hashprice',
    warningPct: 'Warning at',
    criticalPct: 'Critical at',
    hysteresisPctPoints: 'Clears under the warning level by',
  },
  docs: (c) => ({
    raises: `${c.warningPct}% of global hashrate cash-flow negative`,
    severity: `critical at ${c.criticalPct}%`,
    clears: `under ${c.warningPct - c.hysteresisPctPoints}% (${c.hysteresisPctPoints}-point band)`,
  }),
  observe(input, config) {
    const share = input.fleetShareNegativePct;
    if (share === undefined) return [];
    const band = input.fleetShareNegativeBandPct;
    return [
      {
        subject: '',
        entered: share >= config.criticalPct ? 'critical' : share >= config.warningPct ? 'warning' : undefined,
        recovered: share < config.warningPct - config.hysteresisPctPoints,
        evidence: {
          values: {
            fleetShareNegativePct: share,
            ...(band ? { fleetShareNegativeLowPct: band.lowPct, fleetShareNegativeHighPct: band.highPct } : {}),
            hashpriceUsdPerPhDay: input.hashprice?.usdPerPhDay ?? null,
            btcPriceUsd: input.btcPriceUsd,
          },
          thresholds: {
            warningPct: config.warningPct,
            criticalPct: config.criticalPct,
            hysteresisPctPoints: config.hysteresisPctPoints,
          },
        },
      },
    ];
  },
  describe({ transition, evidence, money }) {
    const v = evidence.values;
    const share = evidenceNumber(v.fleetShareNegativePct);
    const band =
      v.fleetShareNegativeLowPct !== undefined && v.fleetShareNegativeHighPct !== undefined
        ? ` (band ${v.fleetShareNegativeLowPct.toFixed(1)}-${pct(v.fleetShareNegativeHighPct)} across the low and high power-price cases)`
        : '';
    const details = [
      `Share of global hashrate cash-flow negative: ${pct(share)}${band}`,
      ...(v.hashpriceUsdPerPhDay !== null
        ? [
            `Hashprice: ${money.hashprice(evidenceNumber(v.hashpriceUsdPerPhDay))} at BTC ${money.amount(evidenceNumber(v.btcPriceUsd))}`,
          ]
        : []),
      `Thresholds: warning at ${pct(evidenceNumber(evidence.thresholds.warningPct), 0)}, critical at ${pct(evidenceNumber(evidence.thresholds.criticalPct), 0)}`,
    ];
    if (transition === 'cleared') {
      return {
        title: `Only ${pct(share)} of global hashrate is now losing money`,
        summary: 'Fewer machines run at a loss than your threshold: the pressure to switch off has eased.',
        details,
      };
    }
    return {
      title: `${pct(share)} of the global fleet is now cash-flow negative`,
      summary:
        'That much of the network earns less than its power bill at the current hashprice. Those machines are likely to switch off, ' +
        'which would lower difficulty for everyone else.',
      details,
    };
  },
});
