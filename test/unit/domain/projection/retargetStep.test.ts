import { describe, expect, it } from 'vitest';
import { chainPaths, rewardBtcAfter, stepChainDay } from '../../../../shared/domain/projection/retargetStep';
import { HASHES_PER_DIFFICULTY_UNIT } from '../../../../shared/domain/units';

const D = 100e12;
/** The hashrate that finds a block every 600 s at difficulty D. */
const onTarget = (difficulty: number) => (difficulty * HASHES_PER_DIFFICULTY_UNIT) / 600;

function run(days: number, hashrateHps: number, start: { height: number; epochStartHeight: number }) {
  const chain = chainPaths(1, { ...start, difficulty: D, epochStartSec: 0 });
  const earned: number[] = [];
  for (let day = 0; day < days; day += 1) earned.push(stepChainDay(chain, 0, hashrateHps, day * 86_400, 0));
  return { chain, earned };
}

describe('stepChainDay: the consensus retarget inside the closed loop', () => {
  it('retargets on 2015 intervals: a hashrate exactly on target still raises difficulty by 2016/2015', () => {
    const { chain } = run(15, onTarget(D), { height: 0, epochStartHeight: 0 });
    expect(chain.epochStartHeight[0]).toBe(2016);
    expect(chain.difficulty[0]! / D).toBeCloseTo(2016 / 2015, 10);
  });

  it('clamps a collapse to -75%: a tenth of the hashrate gives a quarter of the difficulty, not a tenth', () => {
    const { chain } = run(145, onTarget(D) / 10, { height: 0, epochStartHeight: 0 });
    expect(chain.difficulty[0]! / D).toBeCloseTo(0.25, 10);
  });

  it('follows a hashrate that doubled: the epoch took half the time, difficulty doubles (times the quirk)', () => {
    const { chain } = run(7, 2 * onTarget(D), { height: 0, epochStartHeight: 0 });
    expect(chain.difficulty[0]! / D).toBeCloseTo((2 * 2016) / 2015, 6);
  });

  it('halves the subsidy at height 1,050,000: the day holding it mixes both sides', () => {
    // 72 blocks before the halving at 144 a day: half the day at 3.125 BTC, half at 1.5625 BTC.
    const height = 1_050_000 - 1 - 72;
    const epochStartHeight = Math.floor(height / 2016) * 2016;
    const { earned } = run(2, onTarget(D), { height, epochStartHeight });
    const perBlock = (reward: number) => (reward * 86_400 * 1e15) / (D * HASHES_PER_DIFFICULTY_UNIT);
    expect(earned[0]).toBeCloseTo(perBlock((3.125 + 1.5625) / 2), 12);
    expect(earned[1]).toBeCloseTo(perBlock(1.5625), 12);
    expect(rewardBtcAfter(1_049_999, 0.02)).toBeCloseTo(1.5825, 12);
    expect(rewardBtcAfter(1_049_998, 0)).toBe(3.125);
  });
});
