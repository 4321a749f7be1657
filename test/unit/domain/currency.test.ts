/** The one currency conversion and the money formatting per currency. */
import { describe, expect, it } from 'vitest';
import { CURRENCIES, fromUsd, fxRate, toUsd } from '../../../shared/domain/currency';
import { formatMoney, formatPowerPrice } from '../../../shared/domain/money';

// mempool's /api/v1/prices documentation example (test/fixtures/upstream/mempool/prices.json).
const prices = {
  btcPriceUsd: 43_753,
  fiatPrices: { EUR: 40_545, GBP: 37_528, CAD: 58_123, CHF: 37_438, AUD: 64_499, JPY: 6_218_915 },
};

describe('currency conversion', () => {
  it('takes each rate from the same snapshot: units per USD = fiat price / USD price', () => {
    for (const currency of CURRENCIES) {
      const result = fxRate(prices, currency);
      if (!result.ok) throw new Error(result.message);
      const expected = currency === 'USD' ? 1 : prices.fiatPrices[currency] / 43_753;
      expect(result.rate.perUsd).toBeCloseTo(expected, 15);
      // The BTC price converts to exactly the snapshot's own price in that currency.
      expect(fromUsd(43_753, result.rate)).toBeCloseTo(currency === 'USD' ? 43_753 : prices.fiatPrices[currency], 6);
      expect(toUsd(fromUsd(123.45, result.rate), result.rate)).toBeCloseTo(123.45, 10);
    }
  });

  it('refuses a currency the snapshot has no price for, naming it and what it holds', () => {
    expect(fxRate({ btcPriceUsd: 78_702, fiatPrices: { EUR: 72_406 } }, 'JPY')).toEqual({
      ok: false,
      message: 'no JPY price in the snapshot (it holds USD, EUR)',
    });
    expect(fxRate({ btcPriceUsd: 78_702, fiatPrices: {} }, 'EUR')).toEqual({
      ok: false,
      message: 'no EUR price in the snapshot (it holds USD only)',
    });
  });
});

describe('money formatting', () => {
  it('writes each currency with its sign and digits, never a minus on a zero', () => {
    expect(formatMoney(1234.5, 'USD', 2)).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'EUR', 2)).toBe('€1,234.50');
    expect(formatMoney(-1234.5, 'GBP', 0)).toBe('-£1,235');
    expect(formatMoney(99.999, 'CAD', 2)).toBe('CA$100.00');
    expect(formatMoney(10, 'CHF', 2)).toBe('CHF 10.00');
    expect(formatMoney(10, 'AUD', 2)).toBe('A$10.00');
    expect(formatMoney(190_870.4, 'JPY', 2)).toBe('¥190,870');
    expect(formatMoney(-0.001, 'EUR', 2)).toBe('€0.00');
    expect(formatPowerPrice(0.06, 'USD')).toBe('6.00 c/kWh');
    expect(formatPowerPrice(0.0552, 'EUR')).toBe('€0.0552/kWh');
    expect(formatPowerPrice(8.969, 'JPY')).toBe('¥8.97/kWh');
  });
});
