/**
 * Amounts in alert texts round honestly: a critical fleet alert never says "losing $0/day".
 */
import { moneyText, USD_TEXT } from '../../../shared/domain/signals/moneyText';
import { describe, expect, it } from 'vitest';
import { fleetBreakEvenBreachDetector } from '../../../shared/domain/signals/detectors/fleetBreakEvenBreach';

describe('amounts in alerts', () => {
  it('whole dollars from $10, cents below, "under $0.01" for a crumb', () => {
    expect(USD_TEXT.amount(239.4)).toBe('$239');
    expect(USD_TEXT.amount(9.5)).toBe('$9.50');
    expect(USD_TEXT.amount(0.42)).toBe('$0.42');
    expect(USD_TEXT.amount(-0.42)).toBe('-$0.42');
    expect(USD_TEXT.amount(0.001)).toBe('under $0.01');
    expect(USD_TEXT.amount(0)).toBe('$0.00');
  });

  it('a fleet losing 42 cents a day says so in the title and the details', () => {
    const text = fleetBreakEvenBreachDetector.describe({
      subject: 'Tiny',
      severity: 'critical',
      transition: 'raised',
      previousSeverity: null,
      money: moneyText(undefined),
      evidence: {
        values: {
          fleet: 'Tiny',
          revenueUsdPerDay: 3.58,
          powerCostUsdPerDay: 4,
          hostingOpexUsdPerDay: 0,
          profitUsdPerDay: -0.42,
          marginPct: -11.7,
          powerPriceUsdPerKwh: 0.06,
          breakEvenPowerPriceUsdPerKwh: 0.0537,
          hashpriceUsdPerPhDay: null,
          btcPriceUsd: 90_000,
        },
        thresholds: { clearAboveMarginPct: 5 },
      },
    });
    expect(text.title).toBe('Fleet Tiny at 6.00 c/kWh is losing $0.42/day');
    expect(text.details).toContain('Profit -$0.42/day (margin -11.7%)');
    expect(text.details).toContain('Revenue $3.58/day; power $4.00/day; hosting $0.00/day');
  });
});
