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
    expect(paths({ ...site, powerPrice: { type: 'ercot' } })).toEqual(['powerPrice.type']);
    expect(paths({ ...site, leaseOffer: { ...site.leaseOffer, termYears: 0 } })).toEqual(['leaseOffer.termYears']);
    expect(paths({ ...site, fleet: ['main'] })).toContain('');
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
    } = calculatorRequestSchema.parse(example('calc-site-lease.json'));
    const fromConfig = calculatorRequestSchema.parse(lake!.request);
    expect({ ...fromConfig, powerPriceUsdPerKwh: Number(fromConfig.powerPriceUsdPerKwh!.toFixed(12)) }).toEqual(asked);
  });
});
