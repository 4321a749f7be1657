/**
 * The simulated chain and market the simulation's upstream serves (issue #15): derived from the
 * real history the local tools read (shared/data/history: daily block counts, end heights, prices,
 * hashrate, fees; the difficulty epoch table; and after its end what `npm run history -- update`
 * cached, local/history/localHistory.ts). Blocks of a UTC day are spread evenly over it, or (issue #28)
 * arrive as the real chain's do: a Poisson process, so the intervals between blocks are exponential
 * (mean ten minutes at the protocol's target, here the day's real count over 24 hours; bursts of
 * blocks a minute apart and hour-long gaps included). Drawn as the day's real block count at
 * independent uniform times: given n arrivals of a Poisson process in a day, their times are
 * exactly that, so the daily counts, heights and epochs stay the history's. Seeded per day, so the
 * tip at any moment, every block's time, the epoch and its difficulty still follow from the
 * history (and the seed) alone; the price moves linearly between consecutive daily closes. Pure
 * and deterministic.
 */
import { localHistory } from '../history/localHistory';
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { seededRandom } from '../../shared/domain/projection/seededRandom';
import { BLOCKS_PER_EPOCH, MS_PER_DAY } from '../../shared/domain/units';

/** How a day's blocks are placed in it: evenly, or as a seeded Poisson process (real arrivals). */
export type BlockArrivals = { kind: 'even' } | { kind: 'poisson'; seed: number };

export interface SimBlock {
  height: number;
  timeUnixS: number;
  feesBtc: number;
}

export class SimulatedChain {
  readonly days: DailyNetwork[];
  readonly epochs: DifficultyEpoch[];
  private readonly dayByDate: Map<string, DailyNetwork>;
  private readonly epochByNumber: Map<number, DifficultyEpoch>;

  readonly arrivals: BlockArrivals;

  /** `days` and `epochs` default to the history the local tools read (localHistory: bundled + cached). */
  constructor(days?: DailyNetwork[], epochs?: DifficultyEpoch[], arrivals: BlockArrivals = { kind: 'even' }) {
    const history = days && epochs ? undefined : localHistory();
    days ??= history!.daily;
    epochs ??= history!.epochs;
    this.arrivals = arrivals;
    this.days = days;
    this.epochs = epochs;
    this.dayByDate = new Map(days.map((d) => [d.date, d]));
    this.epochByNumber = new Map(epochs.map((e) => [e.epoch, e]));
  }

  day(date: string): DailyNetwork {
    const d = this.dayByDate.get(date);
    if (!d?.endHeight || !d.blockCount || !d.btcPriceUsd) throw new Error(`history lacks blocks or price on ${date}`);
    return d;
  }

  static dateOf(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
  }

  private previousDate(date: string): string {
    return SimulatedChain.dateOf(Date.parse(`${date}T00:00:00Z`) - MS_PER_DAY);
  }

  private readonly blocksByDate = new Map<string, readonly SimBlock[]>();

  /** Blocks of `date` (kept: asked for at every cycle). */
  blocksOf(date: string): readonly SimBlock[] {
    const known = this.blocksByDate.get(date);
    if (known) return known;
    const blocks = this.spreadBlocks(date);
    this.blocksByDate.set(date, blocks);
    return blocks;
  }

  private spreadBlocks(date: string): SimBlock[] {
    const d = this.day(date);
    const first = this.day(this.previousDate(date)).endHeight! + 1;
    const n = d.endHeight! - first + 1;
    const startS = Date.parse(`${date}T00:00:00Z`) / 1000;
    const feesPerBlock = d.feesBtc !== undefined && d.blockCount ? d.feesBtc / d.blockCount : 0.02;
    const fractions = this.dayFractions(n, startS);
    return fractions.map((fraction, i) => ({
      height: first + i,
      timeUnixS: Math.floor(startS + fraction * 86_400),
      feesBtc: feesPerBlock,
    }));
  }

  /** Where in the day its n blocks fall, ascending: block i of n at (i + 0.5) / n, or n sorted seeded uniforms. */
  private dayFractions(n: number, dayStartS: number): number[] {
    if (this.arrivals.kind === 'even') return Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    const random = seededRandom(this.arrivals.seed * 100_003 + dayStartS / 86_400);
    return Array.from({ length: n }, () => random()).sort((a, b) => a - b);
  }

  /** Blocks mined at or before `ms`, from `sinceMs` on. */
  blocksBetween(sinceMs: number, ms: number): SimBlock[] {
    const out: SimBlock[] = [];
    for (let t = sinceMs - MS_PER_DAY; t <= ms + MS_PER_DAY; t += MS_PER_DAY) {
      for (const b of this.blocksOf(SimulatedChain.dateOf(t)))
        if (b.timeUnixS * 1000 >= sinceMs && b.timeUnixS * 1000 <= ms) out.push(b);
    }
    return out;
  }

  tipAt(ms: number): number {
    const date = SimulatedChain.dateOf(ms);
    const blocks = this.blocksOf(date).filter((b) => b.timeUnixS * 1000 <= ms);
    return blocks.at(-1)?.height ?? this.day(this.previousDate(date)).endHeight!;
  }

  epoch(n: number): DifficultyEpoch {
    const e = this.epochByNumber.get(n);
    if (!e) throw new Error(`epoch ${n} is not in the bundled table`);
    return e;
  }

  epochAt(ms: number): DifficultyEpoch {
    return this.epoch(Math.floor(this.tipAt(ms) / BLOCKS_PER_EPOCH));
  }

  /**
   * Throws, naming what is missing, unless the history serves every moment from `fromMs` to
   * `untilMs`: each day's blocks and price (with the day either side, which the block lists and
   * the price line read) and each epoch the tip passes through. Checked before a run starts, so a
   * window past the bundled history fails at once rather than after hours of simulation.
   */
  assertCovers(fromMs: number, untilMs: number): void {
    for (let t = fromMs - MS_PER_DAY; t <= untilMs + MS_PER_DAY; t += MS_PER_DAY) this.day(SimulatedChain.dateOf(t));
    const window = `${new Date(fromMs).toISOString()} to ${new Date(untilMs).toISOString()}`;
    const lastEpoch = Math.floor(this.tipAt(untilMs) / BLOCKS_PER_EPOCH);
    for (let n = Math.floor(this.tipAt(fromMs) / BLOCKS_PER_EPOCH); n <= lastEpoch; n += 1)
      if (!this.epochByNumber.has(n))
        throw new Error(
          `the simulated window ${window} reaches epoch ${n} (from height ${n * BLOCKS_PER_EPOCH}), which is not in the bundled difficulty epoch table (it ends with epoch ${Math.max(...this.epochByNumber.keys())})`,
        );
  }

  /** Time of a block (the first block of an epoch gives the epoch's simulated start). */
  blockTimeS(height: number, nearMs: number): number {
    for (let t = nearMs; t > nearMs - 20 * MS_PER_DAY; t -= MS_PER_DAY) {
      const b = this.blocksOf(SimulatedChain.dateOf(t)).find((x) => x.height === height);
      if (b) return b.timeUnixS;
    }
    throw new Error(`block ${height} not found near ${new Date(nearMs).toISOString()}`);
  }

  priceAt(ms: number): number {
    const date = SimulatedChain.dateOf(ms);
    const today = this.day(date).btcPriceUsd!;
    const yesterday = this.day(this.previousDate(date)).btcPriceUsd!;
    const fraction = (ms - Date.parse(`${date}T00:00:00Z`)) / MS_PER_DAY;
    return yesterday + (today - yesterday) * fraction;
  }

  /** The day's mean hashrate, H/s (history), or what the difficulty implies when history lacks it. */
  hashrateOn(date: string, difficulty: number): number {
    return this.dayByDate.get(date)?.hashrateHps ?? (difficulty * 2 ** 32) / 600;
  }
}
