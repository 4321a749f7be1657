/**
 * Alert texts in the owner's currency: the e-mail words convert at the deciding snapshot's rate
 * (carried by the event), evidence stays USD, a snapshot without the currency's price leaves the
 * texts in USD and says so; price levels watched in another currency judge that currency's price.
 */
import { describe, expect, it } from 'vitest';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { buildSnsMessage } from '../../../shared/adapters/sns/snsMessage';
import { emailText, evaluateSignals, signalEventSchema } from '../../../shared/domain/signals';
import { textCurrency } from '../../../shared/domain/signals/moneyText';
import type { SignalInput } from '../../../shared/domain/signals/signalInput';
import { signalInputWith } from '../../support/signalInput';

const noDwell = { raiseDwellHours: 0 };
// 70,000 USD = 64,400 EUR per BTC: 0.92 EUR per USD.
const prices = { btcPriceUsd: 70_000, fiatPrices: { EUR: 64_400 } };

function input(overrides: Partial<SignalInput>): SignalInput {
  return signalInputWith({
    decidedAt: '2026-02-06T12:00:00.000Z',
    btcPriceUsd: 70_000,
    btcPriceIn: { EUR: 64_400 },
    hashprice: { usdPerPhDay: 29.5, basis: 'expected', mean90dUsdPerPhDay: 40 },
    ...overrides,
  });
}

describe('alert texts in the owner currency', () => {
  const config = parseComputeConfig({
    signals: { 'hashprice-floor': noDwell, 'price-level': { ...noDwell, judgedOn: {}, defaultJudgedOn: 'live' } },
  }).signals;

  it('writes the money of title and e-mail in EUR with per-TH hashprice, keeping the evidence in USD', () => {
    const events = evaluateSignals(input({ textCurrency: textCurrency(prices, 'EUR') }), new Map(), config).events;
    const floor = events.find((e) => e.signal === 'hashprice-floor')!;
    expect(signalEventSchema.parse(floor).currency).toEqual({ code: 'EUR', perUsd: 0.92 });
    expect(floor.evidence.values.hashpriceUsdPerPhDay).toBe(29.5);
    // 29.5 x 0.92 = 27.14 EUR/PH/day; the $30 floor is €27.60.
    expect(floor.title).toBe('Hashprice €27.14/PH/day, below the €28 floor and 26% under its 90d mean');
    const text = emailText(floor);
    expect(text).toContain('- Hashprice (expected): €27.14/PH/day (€0.0271/TH/day) at BTC €64,400');
    expect(text).toContain('- Floor: €27.60/PH/day');
    expect(text).not.toContain('$');
    // The USD level is written in EUR too (74,500 x 0.92 = 68,540).
    const level = events.find((e) => e.signal === 'price-level')!;
    expect(level.title).toBe('BTC below €68,540 at €64,400');
    expect(buildSnsMessage(level).Subject).toBe('[Hashwatch] Warning: BTC below €68,540 at €64,400');
  });

  it('says the texts are in USD when the snapshot holds no price in the owner currency', () => {
    const events = evaluateSignals(input({ textCurrency: textCurrency(prices, 'JPY') }), new Map(), config).events;
    const floor = events.find((e) => e.signal === 'hashprice-floor')!;
    expect(floor.currency).toEqual({
      code: 'JPY',
      perUsd: null,
      unavailable: 'no JPY price in the snapshot (it holds USD, EUR): amounts in USD',
    });
    expect(floor.title).toBe('Hashprice $29.50/PH/day, below the $30 floor and 26% under its 90d mean');
    expect(emailText(floor)).toContain('- Amounts in USD: no JPY price in the snapshot (it holds USD, EUR)');
  });

  it('writes nothing about currency for USD (the default), as before', () => {
    const events = evaluateSignals(input({}), new Map(), config).events;
    expect(events.every((e) => e.currency === undefined)).toBe(true);
    expect(emailText(events[0]!)).toContain('$29.50/PH/day ($0.0295/TH/day)');
  });

  it('judges price levels watched in EUR on the EUR price, one subject each', () => {
    const eurLevels = parseComputeConfig({
      signals: { 'price-level': { ...noDwell, levelsUsd: [], levels: [65_000, 60_000], currency: 'EUR' } },
    }).signals;
    const events = evaluateSignals(input({ hashprice: undefined }), new Map(), eurLevels).events;
    expect(events.map((e) => e.subject)).toEqual(['65000 EUR']);
    expect(events[0]!.title).toBe('BTC below €65,000 at €64,400');
    expect(events[0]!.evidence.thresholds).toMatchObject({ level: 65_000, levelCurrency: 'EUR' });
    // Without an EUR price in the snapshot the EUR levels decide nothing (no USD figure stands in).
    const none = evaluateSignals(input({ hashprice: undefined, btcPriceIn: {} }), new Map(), eurLevels).events;
    expect(none).toEqual([]);
  });
});
