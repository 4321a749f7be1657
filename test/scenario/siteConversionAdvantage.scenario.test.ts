/**
 * site-conversion-advantage replayed on the bundled daily history (day closes, realized hashprice,
 * the engine's dwell), for a 10 MW site of 3,300 S19 XP at $50/MWh with a $150/kW-month, 15-year
 * lease offer (+2.5 %/year, $9 million per MW of IT, 12 months' build, 80 % IT share, tenant pays
 * the power, 10 %): worth $602,847 per MW of site power a year once the conversion is paid for.
 * The site's fleet is today's, so the dates say when such a site would have been told its offer
 * out-earned hashing: briefly in the late-2022 trough, then from a month after the April 2024
 * halving on (critical from late August 2024).
 */
import { describe, expect, it } from 'vitest';
import { loadProfitabilityReference } from '../../shared/compute/profitabilityReference';
import { parseComputeConfig } from '../../shared/config/computeConfig';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { replaySignals } from '../support/replaySignals';

const EXAMPLE_SITE_CONFIG = {
  fleets: [{ name: 'Lake XP', machines: [{ model: 'S19 XP', count: 3300 }], powerPriceUsdPerKwh: 0.05 }],
  sites: [
    {
      name: 'Lake',
      powerCapacityMw: 10,
      powerPrice: { type: 'fixed', usdPerMwh: 50 },
      fleets: ['Lake XP'],
      leaseOffer: { usdPerKwMonth: 150, termYears: 15, escalatorPctPerYear: 2.5, capexUsdPerMw: 9_000_000 },
    },
  ],
};

describe('site-conversion-advantage on the bundled history', () => {
  const config = parseComputeConfig(EXAMPLE_SITE_CONFIG);
  const { sites } = loadProfitabilityReference(config);
  const events = replaySignals(loadDailyHistory(), loadDifficultyEpochs(), '2020-01-01', '2026-12-31', config.signals, {
    sites: sites!,
  }).filter((e) => e.signal === 'site-conversion-advantage');

  it('fires in the late-2022 trough, clears within the month, and raises again after the 2024 halving for good', () => {
    expect(events.map((e) => `${e.occurredAt.slice(0, 10)} ${e.transition} ${e.severity}`)).toEqual([
      '2022-12-07 raised warning',
      '2023-01-01 cleared warning',
      '2024-05-21 raised warning',
      '2024-08-27 escalated critical',
    ]);
    expect(new Set(events.map((e) => e.subject))).toEqual(new Set(['Lake']));
  });

  it('raises on a shortfall beyond 10 % of the lease and clears only under 5 %', () => {
    for (const e of events) {
      const shortfall = Number(e.evidence.values.shortfallPctOfLease);
      if (e.transition === 'cleared') expect(shortfall).toBeLessThan(5);
      else expect(shortfall).toBeGreaterThanOrEqual(e.severity === 'critical' ? 50 : 10);
      expect(e.evidence.values.leaseEquivalentUsdPerMwYear).toBeCloseTo(602_847, 0);
      expect(e.evidence.values.daysInMean).toBeGreaterThanOrEqual(25);
    }
  });
});
