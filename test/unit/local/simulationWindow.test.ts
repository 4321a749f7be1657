/**
 * The simulation's window must lie inside the bundled history (local/sim/simulatedChain.ts):
 * checked before anything runs, so a soak past the end of the epoch table fails at once, naming
 * what is missing, instead of crashing its last parts after an hour of simulation.
 */
import { describe, expect, it } from 'vitest';
import { SOAK_DEFAULTS, simulateParts, soakParts } from '../../../local/sim/soak';
import { coveredCycles } from '../../../local/sim/simulate';
import { SimulatedChain } from '../../../local/sim/simulatedChain';

const chain = new SimulatedChain();
const lastEpoch = chain.epochs.at(-1)!;
/** The first day whose closing tip is in the epoch after the table's last. */
const firstUncoveredDate = chain.days.find((d) => (d.endHeight ?? 0) >= (lastEpoch.epoch + 1) * 2016)!.date;

describe('the simulation window against the bundled history', () => {
  it('accepts every part of the default soak year', () => {
    const parts = soakParts({ startAt: `${SOAK_DEFAULTS.startDate}T00:00:00Z`, ...SOAK_DEFAULTS });
    expect(parts).toHaveLength(SOAK_DEFAULTS.parts);
    for (const part of parts) expect(coveredCycles(chain, part.startAt, part.days)).toBeGreaterThan(4_000);
  });

  it('names the first epoch the table lacks when a window runs past it', () => {
    const startAt = new Date(Date.parse(`${firstUncoveredDate}T00:00:00Z`) - 10 * 86_400_000).toISOString();
    expect(() => coveredCycles(chain, startAt, 20)).toThrow(
      new RegExp(
        `reaches epoch ${lastEpoch.epoch + 1} \\(from height ${(lastEpoch.epoch + 1) * 2016}\\), which is not in the bundled difficulty epoch table \\(it ends with epoch ${lastEpoch.epoch}\\)`,
      ),
    );
    // One day short of the uncovered day is still served.
    const lastCoveredDay = new Date(Date.parse(`${firstUncoveredDate}T00:00:00Z`) - 86_400_000).toISOString();
    expect(() =>
      coveredCycles(chain, startAt, (Date.parse(lastCoveredDay) - Date.parse(startAt)) / 86_400_000 - 1),
    ).not.toThrow();
  });

  it('names the first day the daily history lacks', () => {
    const lastDay = chain.days.at(-1)!.date;
    const startAt = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 3 * 86_400_000).toISOString();
    const dayAfter = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(() => coveredCycles(chain, startAt, 5)).toThrow(`history lacks blocks or price on ${dayAfter}`);
  });

  it('refuses a soak with one uncovered part before starting any part', async () => {
    let started = 0;
    const parts = soakParts({ startAt: `${firstUncoveredDate}T00:00:00Z`, days: 20, parts: 2, firstSeed: 1 }).map(
      (p, index) => (index === 0 ? { ...p, startAt: `${SOAK_DEFAULTS.startDate}T00:00:00Z` } : p),
    );
    await expect(
      simulateParts(parts, {
        chain,
        startDynamo: () => {
          started += 1;
          return Promise.reject(new Error('no part may start'));
        },
      }),
    ).rejects.toThrow(/not in the bundled difficulty epoch table/);
    expect(started).toBe(0);
  });
});
