/**
 * A synthetic 10-minute series built on real days: what the live ingest would store every 10
 * minutes, with the price walking from one daily close to the next (plus a small deterministic
 * wobble), the tip height advancing through the day's blocks, and the day's hashrate, difficulty
 * and fees. Used to measure the replay's cost per snapshot at the production cadence.
 */
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { networkSnapshot } from '../../shared/domain/networkSnapshot';
import { blockSubsidyBtc } from '../../shared/domain/subsidy';
import { dayFigures, epochIndex, epochProgressAt } from './historyTicks';
import type { ReplayTick } from './replay';
import type { ReplayDay } from './replayDays';

export const TICKS_PER_DAY = 144;
const TICK_MS = 600_000;

/** xorshift32: a tiny deterministic generator, so every run measures the same series. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

/** Ticks every 10 minutes over `dayCount` days starting at `fromIndex`; days lacking data are skipped. */
export function* syntheticTicks(
  days: readonly ReplayDay[],
  epochs: readonly DifficultyEpoch[],
  fromIndex: number,
  dayCount: number,
  seed = 2021,
): Generator<ReplayTick> {
  const byIndex = epochIndex(epochs);
  const next = random(seed);
  for (let i = fromIndex; i < Math.min(days.length, fromIndex + dayCount); i += 1) {
    const day = days[i]!;
    const prev = days[i - 1];
    const figures = dayFigures(day);
    if (!figures || prev?.endHeight === undefined) continue;
    const dayStartMs = Date.parse(`${day.date}T00:00:00Z`);
    const openPrice = prev.btcPriceUsd ?? figures.btcPriceUsd;
    const blocks = figures.tipHeight - prev.endHeight;
    for (let k = 0; k < TICKS_PER_DAY; k += 1) {
      const atMs = dayStartMs + k * TICK_MS;
      const f = (k + 1) / TICKS_PER_DAY;
      const wobble = 1 + (next() - 0.5) * 0.004;
      const tipHeight = prev.endHeight + Math.floor(blocks * f);
      const epochProgress = epochProgressAt(tipHeight, atMs, byIndex);
      if (!epochProgress) continue;
      const at = new Date(atMs).toISOString();
      const snapshot = networkSnapshot({
        ...figures,
        intervalStart: at,
        tipHeight,
        hashrateHps: figures.hashrateHps * (1 + (next() - 0.5) * 0.1),
        btcPriceUsd: (openPrice + (figures.btcPriceUsd - openPrice) * f) * wobble,
        subsidyBtc: blockSubsidyBtc(tipHeight),
        epochProgress,
        sources: { all: 'synthetic' },
      });
      yield { dayIndex: i, snapshot };
    }
  }
}
