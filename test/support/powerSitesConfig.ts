/**
 * Compute configs with sites of each power price kind, for the tests of the power function's
 * infrastructure, its deployed asset and its cost: an ERCOT real-time site on the default
 * parameter names, and (in the mixed config) a feed with a token, an ENTSO-E zone with a
 * site-specific token name and a shorter maximum price age, a tariff and a fixed price. The
 * expected prices are test inputs, not market figures.
 */
const fleet = (name: string) => ({ name, machines: [{ model: 'S19 XP', count: 10 }], powerPriceUsdPerKwh: 0.05 });

export const ERCOT_SITE = {
  name: 'tx-west',
  powerCapacityMw: 5,
  fleets: ['tx-west'],
  powerPrice: { type: 'ercot', settlementPoint: 'LZ_WEST', expectedUsdPerMwh: 40 },
};

/** One ERCOT site on the default parameter names (docs/power-prices.md). */
export const ONE_ERCOT_SITE_COMPUTE = { fleets: [fleet('tx-west')], sites: [ERCOT_SITE] };

/** Every kind of site: three fetched (ERCOT, feed, ENTSO-E), two not (tariff, fixed). */
export const MIXED_SITES_COMPUTE = {
  fleets: ['tx-west', 'meter', 'de', 'tou', 'flat'].map(fleet),
  sites: [
    ERCOT_SITE,
    {
      name: 'meter',
      powerCapacityMw: 1,
      fleets: ['meter'],
      powerPrice: {
        type: 'feed',
        url: 'https://prices.example.com/v1/intervals',
        location: 'meter-1',
        expectedUsdPerMwh: 40,
        tokenParameter: '/hashwatch/feed/token',
      },
    },
    {
      name: 'de',
      powerCapacityMw: 2,
      fleets: ['de'],
      powerPrice: {
        type: 'entsoe',
        biddingZone: '10Y1001A1001A82H',
        expectedUsdPerMwh: 90,
        tokenParameter: '/site/de/entsoe-token',
      },
      curtailment: { maxPriceAgeMinutes: 90 },
    },
    {
      name: 'tou',
      powerCapacityMw: 1,
      fleets: ['tou'],
      powerPrice: {
        type: 'tariff',
        tariff: { timeZone: 'America/Chicago', baseUsdPerMwh: 45, windows: [] },
      },
    },
    { name: 'flat', powerCapacityMw: 1, fleets: ['flat'], powerPrice: { type: 'fixed', usdPerKwh: 0.05 } },
  ],
};
