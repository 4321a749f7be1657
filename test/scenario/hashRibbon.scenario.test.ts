import { describe, expect, it } from 'vitest';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { hashRibbons } from '../../shared/domain/hashRibbons';
import { parseComputeConfig } from '../../shared/config/computeConfig';
import { replaySignals } from '../support/replaySignals';

describe('hash-ribbon-capitulation on the daily history of 2022', () => {
  const history = loadDailyHistory();
  const epochs = loadDifficultyEpochs();
  const config = parseComputeConfig({}).signals;

  it('the raw 30d/60d crossing flips several times within days (why hysteresis and dwell exist)', () => {
    const ribbons = hashRibbons(
      history.map((d) => d.hashrateHps),
      history.map((d) => d.btcPriceUsd),
    );
    const flips: string[] = [];
    for (let i = 1; i < history.length; i += 1) {
      const date = history[i]!.date;
      if (date < '2022-06-01' || date > '2022-08-31') continue;
      if (ribbons[i]!.capitulating !== ribbons[i - 1]!.capitulating) flips.push(date);
    }
    // Crossed under 06-09, back over for a single day 07-04, under again 07-05, over 08-19.
    expect(flips).toEqual(['2022-06-09', '2022-07-04', '2022-07-05', '2022-08-19']);
  });

  it('raises once in June and clears once by late August', () => {
    const events = replaySignals(history, epochs, '2022-01-01', '2022-09-30', config).filter(
      (e) => e.signal === 'hash-ribbon-capitulation',
    );
    expect(events.map((e) => [e.transition, e.severity])).toEqual([
      ['raised', 'warning'],
      ['cleared', 'warning'],
    ]);
    const [raised, cleared] = events;
    expect(raised!.occurredAt >= '2022-06-01' && raised!.occurredAt < '2022-07-01').toBe(true);
    expect(cleared!.occurredAt >= '2022-08-19' && cleared!.occurredAt <= '2022-08-31T23:59:59Z').toBe(true);
    expect(Number(raised!.evidence.values.spreadPct)).toBeLessThan(-0.5);
    expect(Number(cleared!.evidence.values.spreadPct)).toBeGreaterThan(0.5);
    expect(cleared!.episode).toEqual({ id: raised!.id, startedAt: raised!.occurredAt });
  });

  it('without hysteresis and dwell the same months would have alerted four times', () => {
    const raw = parseComputeConfig({
      signals: {
        'hash-ribbon-capitulation': { enterBelowPct: 0, clearAbovePct: 0, raiseDwellHours: 0, clearDwellHours: 0 },
      },
    }).signals;
    const events = replaySignals(history, epochs, '2022-01-01', '2022-09-30', raw).filter(
      (e) => e.signal === 'hash-ribbon-capitulation',
    );
    expect(events.map((e) => e.transition)).toEqual(['raised', 'cleared', 'raised', 'cleared']);
  });

  it('over 2016-2026 raises once per episode: never again within a week of a clear', () => {
    const events = replaySignals(history, epochs, '2016-01-01', '2026-12-31', config).filter(
      (e) => e.signal === 'hash-ribbon-capitulation',
    );
    const kinds = events.filter((e) => e.transition !== 'escalated');
    for (let i = 1; i < kinds.length; i += 1) {
      // Strict alternation: raised, cleared, raised, ...
      expect(kinds[i]!.transition).toBe(kinds[i - 1]!.transition === 'raised' ? 'cleared' : 'raised');
      if (kinds[i]!.transition === 'raised') {
        const daysSinceClear = (Date.parse(kinds[i]!.occurredAt) - Date.parse(kinds[i - 1]!.occurredAt)) / 86_400_000;
        expect(daysSinceClear).toBeGreaterThanOrEqual(7);
      }
    }
    expect(kinds.filter((e) => e.transition === 'raised')).toHaveLength(16);
  });
});
