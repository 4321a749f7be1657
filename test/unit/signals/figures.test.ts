/**
 * Figures, not sentences: an event carries its figures as data (name, value, unit, currency), and
 * every layout writes them through formatFigure. An event stored without figures gets the same
 * figures from its stored evidence, never from its words.
 */
import { describe, expect, it } from 'vitest';
import { eventFigures, signalFigures } from '../../../shared/domain/signals/eventFigures';
import { keyWords, unitOfKey } from '../../../shared/domain/signals/evidenceFigures';
import { signalEventSchema } from '../../../shared/domain/signals/eventDocument';
import { formatFigure, type Figure } from '../../../shared/domain/signals/figure';
import { alertContent } from '../../../shared/notify/alertContent';
import { sampleEvent } from '../../support/sampleEvent';

const fleetShareEvidence = {
  values: { fleetShareNegativePct: 17.25, hashpriceUsdPerPhDay: 38.1, btcPriceUsd: 90_000 },
  thresholds: { warningPct: 15, criticalPct: 20, hysteresisPctPoints: 2 },
};

describe('figures', () => {
  it('read their unit from the evidence key, a string or a flag whatever the key says', () => {
    expect(unitOfKey('hashpriceUsdPerPhDay', 38)).toBe('money-per-ph-day');
    expect(unitOfKey('btcPriceUsd', 90_000)).toBe('money');
    expect(unitOfKey('hysteresisPctPoints', 2)).toBe('pct-points');
    expect(unitOfKey('fleetShareNegativePct', 17)).toBe('pct');
    expect(unitOfKey('sma30Hps', 8e20)).toBe('h-per-s');
    expect(unitOfKey('btcSold', 120)).toBe('btc');
    expect(unitOfKey('streakChangesPct', '-1.20,-3.28')).toBe('text');
    expect(unitOfKey('lastAdjustmentAt', '2026-01-22T19:31:22.000Z')).toBe('time');
    expect(unitOfKey('decided', true)).toBe('flag');
    expect(unitOfKey('paths', 2000)).toBe('count');
  });

  it('are named by their key in words, without the unit the figure carries', () => {
    expect(keyWords('btcPriceUsd')).toBe('BTC price');
    expect(keyWords('miningMarginUsdPerMwYear30d')).toBe('Mining margin 30d');
    expect(keyWords('hysteresisPctPoints')).toBe('Hysteresis');
  });

  it('carry money in the event text currency, converted at its rate, and say which', () => {
    const eur = signalFigures('fleet-share-negative', fleetShareEvidence, { code: 'EUR', perUsd: 0.9 });
    expect(eur.find((f) => f.unit === 'money-per-ph-day')).toEqual({
      name: 'Hashprice',
      value: 38.1 * 0.9,
      unit: 'money-per-ph-day',
      currency: 'EUR',
    });
    expect(formatFigure(eur.find((f) => f.unit === 'money')!)).toBe('€81,000');
    // A text currency without a rate at the decision: USD, and the figure says so.
    const fellBack = signalFigures('fleet-share-negative', fleetShareEvidence, {
      code: 'EUR',
      perUsd: null,
      unavailable: 'no EUR price: amounts in USD',
    });
    expect(fellBack.find((f) => f.unit === 'money')).toMatchObject({ value: 90_000, currency: 'USD' });
  });

  it('are written one way: percentages, money per unit, hashrate, flags and missing values', () => {
    const cases: [Figure, string][] = [
      [{ name: 'a', value: -4.445161, unit: 'pct' }, '-4.45%'],
      [{ name: 'a', value: 15, unit: 'pct' }, '15%'],
      [{ name: 'a', value: 2, unit: 'pct-points' }, '2 pp'],
      [{ name: 'a', value: 38.1, unit: 'money-per-ph-day', currency: 'USD' }, '$38.10/PH/day'],
      [{ name: 'a', value: 1234.5, unit: 'money-per-day', currency: 'EUR' }, '€1,235/day'],
      [{ name: 'a', value: 0.06, unit: 'money-per-kwh', currency: 'USD' }, '6.00 c/kWh'],
      [{ name: 'a', value: 8.5e20, unit: 'h-per-s' }, '850.0 EH/s'],
      [{ name: 'a', value: true, unit: 'flag' }, 'yes'],
      [{ name: 'a', value: null, unit: 'money', currency: 'USD' }, 'n/a'],
    ];
    for (const [figure, text] of cases) expect(formatFigure(figure)).toBe(text);
  });

  it('of an event stored without them are its detector figures of its stored evidence', () => {
    const stored = sampleEvent();
    expect(stored.figures).toBeUndefined();
    const derived = eventFigures(stored);
    expect(derived).toContainEqual({
      name: 'Cumulative change over the streak',
      value: -4.445161062137293,
      unit: 'pct',
    });
    // The same figures a new event stores: old and new events deliver alike.
    expect(signalEventSchema.parse({ ...stored, figures: derived }).figures).toEqual(derived);
    expect(alertContent({ ...stored, figures: derived }).figures).toEqual(alertContent(stored).figures);
  });

  it('reach the chat messages from the event itself, whatever its words say', () => {
    const figures: Figure[] = [{ name: 'Hashprice', value: 41.5, unit: 'money-per-ph-day', currency: 'GBP' }];
    const content = alertContent(sampleEvent({ figures, summary: 'Words: with a colon that is not a figure' }));
    expect(content.figures.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'Hashprice', value: '£41.50/PH/day' },
    ]);
  });
});
