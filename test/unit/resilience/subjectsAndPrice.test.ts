/**
 * Issue #15, defects 11 and 13: removed or disabled subjects get their `cleared` event, and the
 * price level is not judged on a price no second source confirms.
 */
import { describe, expect, it } from 'vitest';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { evaluateSignals } from '../../../shared/domain/signals/evaluateSignals';
import { signalInputWith } from '../../support/signalInput';
import { initialSignalState, stateKey, type SignalState } from '../../../shared/domain/signals/signalState';
import { FLAG_PRICE_DISAGREE, FLAG_PRICE_SINGLE_SOURCE } from '../../../shared/domain/networkSnapshot';
import { priceConfirmed } from '../../../shared/compute/signalInput.mapper';

const input = signalInputWith;

const activeState = (signal: SignalState['signal'], subject: string): SignalState => ({
  ...initialSignalState(signal, subject),
  status: 'active',
  severity: 'warning',
  activeSince: '2026-01-04T10:00:00.000Z',
  episodeId: 'episode-1',
  evaluatedAt: '2026-01-05T09:50:00.000Z',
  lastEvidence: { values: { btcPriceUsd: 70_000 }, thresholds: { levelUsd: 80_000 } },
});
const statesOf = (...states: SignalState[]) => new Map(states.map((s) => [stateKey(s.signal, s.subject), s]));

describe('retired subjects (issue #15, defect 11)', () => {
  it('a price level removed from the config is cleared, once', () => {
    const config = parseComputeConfig({ signals: { 'price-level': { levelsUsd: [74_500] } } }).signals;
    const previous = statesOf(activeState('price-level', '80000'));
    const result = evaluateSignals(input(), previous, config);
    expect(result.events.filter((e) => e.subject === '80000')).toMatchObject([
      { signal: 'price-level', subject: '80000', transition: 'cleared', severity: 'warning' },
    ]);
    const retired = result.states.find((s) => s.subject === '80000');
    expect(retired).toMatchObject({ status: 'clear', severity: null });
    // Once clear, it is never cleared again.
    const again = evaluateSignals(input({ decidedAt: '2026-01-05T10:10:00.000Z' }), statesOf(retired!), config);
    expect(again.events.filter((e) => e.subject === '80000')).toEqual([]);
  });

  it('a disabled signal clears its active subjects', () => {
    const config = parseComputeConfig({ signals: { 'difficulty-negative-streak': { enabled: false } } }).signals;
    const result = evaluateSignals(input(), statesOf(activeState('difficulty-negative-streak', '')), config);
    expect(result.events).toMatchObject([{ signal: 'difficulty-negative-streak', transition: 'cleared' }]);
  });

  it('a network-wide signal without data this time is not retired (a data gap is not a removal)', () => {
    const config = parseComputeConfig({}).signals;
    const result = evaluateSignals(input(), statesOf(activeState('hash-ribbon-capitulation', '')), config);
    expect(result.events.filter((e) => e.signal === 'hash-ribbon-capitulation')).toEqual([]);
  });
});

describe('unconfirmed price (issue #15, defect 13)', () => {
  it('a snapshot is price-confirmed unless flagged single-source or disagreeing', () => {
    expect(priceConfirmed({ flags: [] })).toBe(true);
    expect(priceConfirmed({ flags: [FLAG_PRICE_SINGLE_SOURCE] })).toBe(false);
    expect(priceConfirmed({ flags: [FLAG_PRICE_DISAGREE] })).toBe(false);
  });

  it('a price level is neither raised nor cleared, nor its dwell advanced, on an unconfirmed price', () => {
    const config = parseComputeConfig({
      signals: { 'price-level': { levelsUsd: [80_000], raiseDwellHours: 0 } },
    }).signals;
    const below = input({ btcPriceUsd: 60_000, priceConfirmed: false });
    expect(evaluateSignals(below, new Map(), config).events.filter((e) => e.signal === 'price-level')).toEqual([]);
    expect(evaluateSignals(below, new Map(), config).states.filter((s) => s.signal === 'price-level')).toEqual([]);
    // The same price, confirmed, raises.
    const confirmed = evaluateSignals({ ...below, priceConfirmed: true }, new Map(), config);
    expect(confirmed.events.filter((e) => e.signal === 'price-level')).toMatchObject([{ transition: 'raised' }]);
    // And an active level is not cleared (nor retired) by an unconfirmed recovery.
    const active = statesOf(activeState('price-level', '80000'));
    const up = evaluateSignals(input({ btcPriceUsd: 120_000, priceConfirmed: false }), active, config);
    expect(up.events.filter((e) => e.signal === 'price-level')).toEqual([]);
  });
});
