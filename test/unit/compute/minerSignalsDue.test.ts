/**
 * The listed-miner signals are judged once a UTC day: due until every subject they judge has been
 * judged that day. The states here are what the engine itself writes on a full judgement of the
 * bundled miner series, so the subjects are the detectors' own, not a list kept beside them.
 */
import { describe, expect, it } from 'vitest';
import { minerSignalsDue } from '../../../shared/compute/minerSignalsDue';
import { DEFAULT_COMPUTE_CONFIG } from '../../../shared/config/computeConfig';
import { bundledMinerSeries } from '../../../shared/data/bundledMinerSeries';
import { evaluateSignals } from '../../../shared/domain/signals/evaluateSignals';
import { initialSignalState, stateKey, type SignalState } from '../../../shared/domain/signals/signalState';
import { signalInputWith } from '../../support/signalInput';

const config = DEFAULT_COMPUTE_CONFIG.signals;
const MINER_SIGNALS = ['miner-treasury-liquidation', 'miner-selling-pressure'] as const;
const inputAt = (decidedAt: string) => signalInputWith({ decidedAt, minerPeriods: bundledMinerSeries().periods });

/** The states a full judgement at `decidedAt` leaves (what the compute commits, one write each). */
const judgedAt = (decidedAt: string): SignalState[] =>
  evaluateSignals(inputAt(decidedAt), new Map(), config, MINER_SIGNALS).states;

describe('minerSignalsDue', () => {
  const first = '2026-01-05T00:10:00.000Z';
  const later = '2026-01-05T00:20:00.000Z';

  it('is due on the first snapshot of a UTC day, not again once every subject was judged that day', () => {
    const judged = judgedAt(first);
    expect(judged.map((s) => s.subject)).toContain('RIOT');
    expect(judged.length).toBeGreaterThan(10);
    expect(minerSignalsDue(inputAt(first), [], config)).toBe(true);
    expect(minerSignalsDue(inputAt(later), judged, config)).toBe(false);
    expect(minerSignalsDue(inputAt('2026-01-05T23:50:00.000Z'), judged, config)).toBe(false);
    // Yesterday's judgement does not count today.
    expect(minerSignalsDue(inputAt('2026-01-06T00:00:00.000Z'), judged, config)).toBe(true);
  });

  it('stays due while one subject missed its write today (a compute failed between the commits)', () => {
    const judged = judgedAt(first);
    const riotLost = judged.filter((s) => s.subject !== 'RIOT');
    const riotYesterday = [...riotLost, ...judgedAt('2026-01-04T00:10:00.000Z').filter((s) => s.subject === 'RIOT')];
    expect(minerSignalsDue(inputAt(later), riotLost, config)).toBe(true);
    expect(minerSignalsDue(inputAt(later), riotYesterday, config)).toBe(true);
    const sectorLost = judged.filter((s) => s.signal !== 'miner-selling-pressure');
    expect(minerSignalsDue(inputAt(later), sectorLost, config)).toBe(true);
  });

  it('a subject no longer observed keeps it due only while its state is active (until retired)', () => {
    const judged = judgedAt(first);
    const gone = (status: 'clear' | 'active'): SignalState => ({
      ...initialSignalState('miner-treasury-liquidation', 'GONE'),
      ...(status === 'active' ? { status, severity: 'warning', activeSince: '2025-06-01T00:00:00.000Z' } : {}),
      evaluatedAt: '2025-06-01T00:00:00.000Z',
    });
    expect(minerSignalsDue(inputAt(later), [...judged, gone('clear')], config)).toBe(false);
    expect(minerSignalsDue(inputAt(later), [...judged, gone('active')], config)).toBe(true);
    // The engine retires it on that judgement; then the day is done.
    const retired = evaluateSignals(
      inputAt(later),
      new Map([[stateKey('miner-treasury-liquidation', 'GONE'), gone('active')]]),
      config,
      MINER_SIGNALS,
    ).states.find((s) => s.subject === 'GONE');
    expect(retired?.status).toBe('clear');
    expect(minerSignalsDue(inputAt(later), [...judged, retired!], config)).toBe(false);
  });

  it('other signals judged today do not count; disabled miner signals are never due', () => {
    const other = { ...initialSignalState('hashprice-floor', ''), evaluatedAt: later };
    expect(minerSignalsDue(inputAt(later), [other], config)).toBe(true);
    const disabled = {
      ...config,
      'miner-treasury-liquidation': { ...config['miner-treasury-liquidation'], enabled: false },
      'miner-selling-pressure': { ...config['miner-selling-pressure'], enabled: false },
    };
    expect(minerSignalsDue(inputAt(later), [], disabled)).toBe(false);
  });
});
