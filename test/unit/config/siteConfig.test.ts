/**
 * The one definition of a site (shared/domain/site.ts, schema shared/config/siteConfig.ts): a
 * fixed power price in $/kWh or $/MWh, fleets by name, an optional lease offer with the
 * calculator's hpcLease fields; bad input names the field.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculatorRequestSchema } from '../../../shared/calculator/request';
import { ownerSiteRequests } from '../../../shared/compute/ownerSites';
import { loadProfitabilityReference } from '../../../shared/compute/profitabilityReference';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { siteConfigSchema } from '../../../shared/config/siteConfig';
import { sitePowerPriceUsdPerKwh } from '../../../shared/domain/site';

const site = {
  name: 'Lake site',
  powerCapacityMw: 50,
  powerPrice: { type: 'fixed', usdPerMwh: 42 },
  fleets: ['main'],
  leaseOffer: { usdPerMwYear: 1_800_000, termYears: 10, capexUsdPerMw: 9_000_000 },
};
const paths = (value: unknown): string[] => {
  const r = siteConfigSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('site config', () => {
  it('reads a fixed price in either unit as the same $/kWh, and fills the lease defaults', () => {
    const parsed = siteConfigSchema.parse(site);
    expect(sitePowerPriceUsdPerKwh(parsed.powerPrice)).toBeCloseTo(0.042, 12);
    expect(
      sitePowerPriceUsdPerKwh(
        siteConfigSchema.parse({ ...site, powerPrice: { type: 'fixed', usdPerKwh: 0.042 } }).powerPrice,
      ),
    ).toBe(0.042);
    expect(parsed.leaseOffer).toMatchObject({
      itLoadSharePct: 80,
      buildMonths: 12,
      discountRatePct: 10,
      powerPassThrough: true,
    });
  });

  it('names the bad field', () => {
    expect(paths({ ...site, powerCapacityMw: 0 })).toEqual(['powerCapacityMw']);
    expect(paths({ ...site, powerPrice: { type: 'fixed', usdPerKwh: 0.04, usdPerMwh: 40 } })).toEqual([
      'powerPrice.usdPerKwh',
    ]);
    expect(paths({ ...site, powerPrice: { type: 'caiso' } })).toEqual(['powerPrice.type']);
    expect(paths({ ...site, leaseOffer: { ...site.leaseOffer, termYears: 0 } })).toEqual(['leaseOffer.termYears']);
    expect(paths({ ...site, fleet: ['main'] })).toContain('');
  });
});

describe('a site on a market, a feed or a tariff', () => {
  it('ERCOT: the settlement point and the expected price, with the report, adder and credential names defaulted', () => {
    const parsed = siteConfigSchema.parse({
      ...site,
      powerPrice: { type: 'ercot', settlementPoint: 'LZ_WEST', expectedUsdPerMwh: 38 },
    });
    expect(parsed.powerPrice).toEqual({
      type: 'ercot',
      settlementPoint: 'LZ_WEST',
      report: 'real-time',
      expectedUsdPerMwh: 38,
      adderUsdPerMwh: 0,
      credentials: {
        usernameParameter: '/hashwatch/ercot/username',
        passwordParameter: '/hashwatch/ercot/password',
        subscriptionKeyParameter: '/hashwatch/ercot/subscription-key',
      },
    });
    // The economics read the expected price plus the adder.
    const withAdder = siteConfigSchema.parse({
      ...site,
      powerPrice: { type: 'ercot', settlementPoint: 'HB_NORTH', expectedUsdPerMwh: 38, adderUsdPerMwh: 7 },
    });
    expect(sitePowerPriceUsdPerKwh(withAdder.powerPrice)).toBeCloseTo(0.045, 12);
  });

  it('ENTSO-E, a feed and a tariff; a tariff is priced at its weekly average', () => {
    const entsoe = siteConfigSchema.parse({
      ...site,
      powerPrice: { type: 'entsoe', biddingZone: '10Y1001A1001A82H', expectedUsdPerMwh: 95 },
    });
    expect(entsoe.powerPrice).toMatchObject({ sequence: 1, tokenParameter: '/hashwatch/entsoe/token' });
    const feed = siteConfigSchema.parse({
      ...site,
      powerPrice: { type: 'feed', url: 'https://example.com/p', location: 'meter-1', expectedUsdPerMwh: 40 },
    });
    expect(sitePowerPriceUsdPerKwh(feed.powerPrice)).toBeCloseTo(0.04, 12);
    // $120 on weekdays 14:00-19:00 (5 h x 5 days = 25 of 168 hours), $45 otherwise: (25 x 120 + 143 x 45) / 168.
    const tariff = siteConfigSchema.parse({
      ...site,
      powerPrice: {
        type: 'tariff',
        tariff: {
          timeZone: 'America/Chicago',
          baseUsdPerMwh: 45,
          windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '14:00', to: '19:00', usdPerMwh: 120 }],
        },
        adderUsdPerMwh: 5,
      },
    });
    expect(sitePowerPriceUsdPerKwh(tariff.powerPrice) * 1000).toBeCloseTo((25 * 120 + 143 * 45) / 168 + 5, 9);
  });

  it('curtailment terms are defaulted on a market site and refused on a fixed one', () => {
    const parsed = siteConfigSchema.parse({
      ...site,
      powerPrice: { type: 'ercot', settlementPoint: 'LZ_WEST', expectedUsdPerMwh: 38 },
      curtailment: { marginUsdPerMwh: 5 },
    });
    expect(parsed.curtailment).toEqual({
      marginUsdPerMwh: 5,
      minRunMinutes: 60,
      minRestMinutes: 60,
      maxPriceAgeMinutes: 45,
    });
    expect(paths({ ...site, curtailment: {} })).toEqual(['curtailment']);
  });

  it('names the bad field of a market price', () => {
    expect(paths({ ...site, powerPrice: { type: 'ercot' } })).toEqual([
      'powerPrice.settlementPoint',
      'powerPrice.expectedUsdPerMwh',
    ]);
    expect(
      paths({ ...site, powerPrice: { type: 'ercot', settlementPoint: 'lz west', expectedUsdPerMwh: 38 } }),
    ).toEqual(['powerPrice.settlementPoint']);
    expect(
      paths({ ...site, powerPrice: { type: 'ercot', settlementPoint: 'LZ_WEST', expectedUsdPerMwh: 38000 } }),
    ).toEqual(['powerPrice.expectedUsdPerMwh']);
    expect(paths({ ...site, powerPrice: { type: 'entsoe', biddingZone: 'DE-LU', expectedUsdPerMwh: 90 } })).toEqual([
      'powerPrice.biddingZone',
    ]);
    expect(
      paths({ ...site, powerPrice: { type: 'feed', url: 'ftp://x', location: 'm', expectedUsdPerMwh: 40 } }),
    ).toEqual(['powerPrice.url']);
    expect(
      paths({
        ...site,
        powerPrice: {
          type: 'ercot',
          settlementPoint: 'LZ_WEST',
          expectedUsdPerMwh: 38,
          credentials: { passwordParameter: 'aws/x' },
        },
      }),
    ).toEqual(['powerPrice.credentials.passwordParameter']);
    expect(
      paths({ ...site, powerPrice: { type: 'ercot', settlementPoint: 'LZ_WEST', expectedUsdPerMwh: 38, adder: 3 } }),
    ).toEqual(['powerPrice']);
    expect(paths({ ...site, curtailment: { margin: 3 } })).toContain('curtailment');
  });
});

describe('compute config `sites`', () => {
  const fleet = (name: string, over: Record<string, unknown> = {}) => ({
    name,
    machines: [{ model: 'S21', count: 100 }],
    powerPriceUsdPerKwh: 0.05,
    ...over,
  });
  const parse =
    (sites: unknown[], fleets = [fleet('main'), fleet('second')]) =>
    () =>
      parseComputeConfig({ fleets, sites });

  it('reads sites beside the fleets they name, and defaults to none', () => {
    expect(parseComputeConfig({}).sites).toEqual([]);
    const config = parseComputeConfig({
      fleets: [fleet('main'), fleet('second')],
      sites: [{ ...site, fleets: ['main', 'second'] }],
    });
    expect(config.sites[0]).toMatchObject({
      name: 'Lake site',
      fleets: ['main', 'second'],
      leaseOffer: { termYears: 10 },
    });
  });

  it('refuses a misspelt key, an unknown fleet, a fleet on two sites and a duplicate name, naming each', () => {
    expect(parse([{ ...site, powerCapacityMW: 50 }])).toThrow(/sites\.0\.powerCapacityMW.*powerCapacityMw/);
    expect(parse([{ ...site, leaseOffer: { ...site.leaseOffer, usdPerMwYr: 1 } }])).toThrow(
      /sites\.0\.leaseOffer\.usdPerMwYr/,
    );
    expect(parse([{ ...site, fleets: ['mian'] }])).toThrow(
      /sites\.0\.fleets\.0: no fleet named "mian" in `fleets` \(fleets: main, second\)/,
    );
    expect(parse([site, { ...site, name: 'Ridge' }])).toThrow(
      /sites\.1\.fleets\.0: fleet "main" is already on site "Lake site"/,
    );
    expect(parse([site, { ...site, fleets: ['second'] }])).toThrow(/sites\.1\.name: site names must be unique/);
  });

  it('refuses fleets of one site that do not share pool fee, uptime and hosting (the site is priced as one fleet)', () => {
    expect(
      parse([{ ...site, fleets: ['main', 'second'] }], [fleet('main'), fleet('second', { uptimePct: 90 })]),
    ).toThrow(/sites\.0\.fleets: the fleets of a site must share uptimePct \(they have main: 97, second: 90\)/);
  });
});

describe('examples/compute-config-site.json', () => {
  const example = (file: string): unknown =>
    JSON.parse(readFileSync(join(import.meta.dirname, '../../../examples', file), 'utf8'));

  it('is a valid compute config as written, its fleet resolves, and its site has an offer for the signal', () => {
    const config = parseComputeConfig(example('compute-config-site.json'));
    const sites = loadProfitabilityReference(config).sites!;
    expect(sites.map((s) => s.name)).toEqual(['Lake']);
    expect(sites[0]!.terms.powerPriceUsdPerKwh).toBeCloseTo(0.045, 12);
  });

  it("prices its site with examples/calc-site-lease.json's request (less the market and scenario that request pins)", () => {
    const [lake] = ownerSiteRequests(parseComputeConfig(example('compute-config-site.json')));
    const {
      market: _market,
      scenario: _scenario,
      ...asked
    } = calculatorRequestSchema().parse(example('calc-site-lease.json'));
    const fromConfig = calculatorRequestSchema().parse(lake!.request);
    expect({ ...fromConfig, powerPriceUsdPerKwh: Number(fromConfig.powerPriceUsdPerKwh!.toFixed(12)) }).toEqual(asked);
  });
});

describe('docs/configuration.md', () => {
  it('its market-priced site example is a valid site', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/configuration.md'), 'utf8');
    const example = /```json\n(\{ "name": "West Texas"[\s\S]*?)\n```/.exec(doc);
    expect(example, 'the West Texas example is missing').not.toBeNull();
    const parsed = siteConfigSchema.parse(JSON.parse(example![1]!));
    expect(parsed.powerPrice.type).toBe('ercot');
    expect(parsed.curtailment?.marginUsdPerMwh).toBe(5);
  });
});
