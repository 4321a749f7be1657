/**
 * The simulation's block arrivals (issue #28): the seeded Poisson placement keeps each day's real
 * block count and heights and gives exponential intervals (mean ~600 s, standard deviation ~ mean,
 * e^-2 of the intervals longer than 20 minutes), and the block-to-event latency is measured from
 * each block to the first evaluation that saw it.
 */
import { describe, expect, it } from 'vitest';
import { blockToEvent } from '../../../local/sim/blockToEvent';
import { SimulatedChain, type SimBlock } from '../../../local/sim/simulatedChain';

const even = new SimulatedChain();
const poisson = new SimulatedChain(undefined, undefined, { kind: 'poisson', seed: 28 });
const DAYS = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));

describe('Poisson block arrivals', () => {
  it("keeps each day's real heights, in order, inside the day", () => {
    for (const date of DAYS) {
      const blocks = poisson.blocksOf(date);
      expect(blocks.map((b) => b.height)).toEqual(even.blocksOf(date).map((b) => b.height));
      const start = Date.parse(`${date}T00:00:00Z`) / 1000;
      for (const [i, b] of blocks.entries()) {
        expect(b.timeUnixS).toBeGreaterThanOrEqual(start);
        expect(b.timeUnixS).toBeLessThan(start + 86_400);
        if (i > 0) expect(b.timeUnixS).toBeGreaterThanOrEqual(blocks[i - 1]!.timeUnixS);
      }
    }
  });

  it('has exponential intervals: mean near 600 s, standard deviation near the mean, e^-2 beyond 20 minutes', () => {
    const times = DAYS.flatMap((d) => poisson.blocksOf(d).map((b) => b.timeUnixS));
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    expect(mean).toBeGreaterThan(540);
    expect(mean).toBeLessThan(660);
    expect(sd / mean).toBeGreaterThan(0.9);
    expect(sd / mean).toBeLessThan(1.1);
    const beyond20Min = gaps.filter((g) => g > 1200).length / gaps.length;
    expect(beyond20Min).toBeGreaterThan(Math.exp(-2) - 0.03);
    expect(beyond20Min).toBeLessThan(Math.exp(-2) + 0.03);
    // the even placement has none of that spread
    const evenTimes = DAYS.flatMap((d) => even.blocksOf(d).map((b) => b.timeUnixS));
    const evenGaps = evenTimes.slice(1).map((t, i) => t - evenTimes[i]!);
    expect(evenGaps.filter((g) => g > 1200)).toEqual([]);
  });

  it('is the same for the same seed and differs for another', () => {
    const again = new SimulatedChain(undefined, undefined, { kind: 'poisson', seed: 28 });
    const other = new SimulatedChain(undefined, undefined, { kind: 'poisson', seed: 29 });
    expect(again.blocksOf(DAYS[0]!)).toEqual(poisson.blocksOf(DAYS[0]!));
    expect(other.blocksOf(DAYS[0]!)).not.toEqual(poisson.blocksOf(DAYS[0]!));
  });
});

describe('block-to-event latency', () => {
  const block = (height: number, timeUnixS: number): SimBlock => ({ height, timeUnixS, feesBtc: 0 });

  it('measures each block to the first evaluation, at or after its arrival, whose tip reached it', () => {
    const blocks = [block(100, 1_000), block(101, 1_030), block(102, 1_200), block(103, 5_000)];
    const evaluations = [
      // before 100 arrived: cannot count, although its tip is (wrongly) ahead
      { atMs: 999_000, tipHeight: 101, trigger: 'tip' as const },
      { atMs: 1_063_000, tipHeight: 101, trigger: 'tip' as const },
      { atMs: 1_245_000, tipHeight: 102, trigger: 'schedule' as const },
    ];
    const latency = blockToEvent(blocks, evaluations);
    // 100: 63 s, 101: 33 s, 102: 45 s; 103 never evaluated
    expect(latency).toEqual({
      blocks: 3,
      unevaluated: 1,
      p50Seconds: 45,
      p95Seconds: 63,
      maxSeconds: 63,
      byTrigger: { tip: 2, schedule: 1 },
    });
  });

  it('refuses a run in which no block was evaluated', () => {
    expect(() => blockToEvent([block(1, 0)], [])).toThrow(/no block was evaluated/);
  });
});
