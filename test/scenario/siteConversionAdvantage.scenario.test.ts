/**
 * site-conversion-advantage replayed on the bundled daily history (day closes, realized hashprice,
 * the engine's dwell), for a 10 MW site of 2,800 S21 at $42/MWh with a $130/kW-month, 10-year
 * lease offer (80 % IT share, tenant pays the power: $1,248,000 per MW of site power a year). The
 * site's fleet is today's, so the dates say when such a site would have been told that its lease
 * offer out-earned hashing: from the 2022 bear market on, back to mining near the 2023 and
 * pre-halving rallies, and for good after the April 2024 halving.
 */
import { describe, expect, it } from 'vitest';
import { loadProfitabilityReference } from '../../shared/compute/profitabilityReference';
import { parseComputeConfig } from '../../shared/config/computeConfig';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { replaySignals } from '../support/replaySignals';

const EXAMPLE_SITE_CONFIG = {
  fleets: [{ name: 'Lake S21', machines: [{ model: 'S21', count: 2800 }], powerPriceUsdPerKwh: 0.042 }],
  sites: [
    {
      name: 'Lake',
      powerCapacityMw: 10,
      powerPrice: { type: 'fixed', usdPerMwh: 42 },
      fleets: ['Lake S21'],
      leaseOffer: { usdPerKwMonth: 130, termYears: 10, capexUsdPerMw: 9_000_000 },
    },
  ],
};

describe('site-conversion-advantage on the bundled history', () => {
  const config = parseComputeConfig(EXAMPLE_SITE_CONFIG);
  const { sites } = loadProfitabilityReference(config);
  const events = replaySignals(loadDailyHistory(), loadDifficultyEpochs(), '2020-01-01', '2026-12-31', config.signals, {
    sites: sites!,
  }).filter((e) => e.signal === 'site-conversion-advantage');

  it('fires in the 2022 bear market, clears in the 2023 rallies, and stays raised after the 2024 halving', () => {
    expect(events.map((e) => `${e.occurredAt.slice(0, 10)} ${e.transition} ${e.severity}`)).toEqual([
      '2022-10-24 raised warning',
      '2023-04-15 cleared warning',
      '2023-06-11 raised warning',
      '2023-11-23 cleared warning',
      '2024-05-13 raised warning',
      '2024-07-14 escalated critical',
    ]);
    expect(new Set(events.map((e) => e.subject))).toEqual(new Set(['Lake']));
  });

  it('raises on a shortfall beyond 10 % of the lease and clears only under 5 %', () => {
    for (const e of events) {
      const shortfall = Number(e.evidence.values.shortfallPctOfLease);
      if (e.transition === 'cleared') expect(shortfall).toBeLessThan(5);
      else expect(shortfall).toBeGreaterThanOrEqual(e.severity === 'critical' ? 50 : 10);
      expect(e.evidence.values.leaseMarginUsdPerMwYear).toBe(1_248_000);
      expect(e.evidence.values.daysInMean).toBeGreaterThanOrEqual(25);
    }
  });
});
