/**
 * A site's price source built from its config: the secrets read by the names the config gives
 * (defaults included), the adder on every price, a tariff as interval prices, no source for a fixed
 * price; against the ERCOT stand-in on loopback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sitePowerSource } from '../../../shared/adapters/power/sitePowerSource';
import { siteConfigSchema } from '../../../shared/config/siteConfig';
import { closeStandIns, ercotStandIn } from '../../support/powerStandIns';
import { POWER_TEST_HTTP_OPTIONS } from '../../support/powerStandIns';

afterEach(closeStandIns);

/** One attempt a request: the tests check what each answer does, not the retries. */
const http = { options: { ...POWER_TEST_HTTP_OPTIONS, maxAttempts: 1 } };
const base = { name: 'tx-1', powerCapacityMw: 20, fleets: ['main'] };
const eurRate = async () => ({ currency: 'EUR' as const, perUsd: 0.9 });

function secrets(values: Record<string, string>) {
  const read: string[] = [];
  return {
    read,
    readSecret: async (name: string) => {
      read.push(name);
      const value = values[name];
      if (value === undefined) throw new Error(`SSM parameter ${name} does not exist in this account and region`);
      return value;
    },
  };
}

describe('sitePowerSource', () => {
  it('ERCOT: reads the login and key by the configured names and adds the adder to every price', async () => {
    const { base: url, seen } = await ercotStandIn();
    const site = siteConfigSchema.parse({
      ...base,
      powerPrice: {
        type: 'ercot',
        settlementPoint: 'LZ_WEST',
        expectedUsdPerMwh: 40,
        adderUsdPerMwh: 6.5,
        credentials: { passwordParameter: '/site/tx-1/ercot-password' },
      },
    });
    const s = secrets({
      '/hashwatch/ercot/username': 'owner@example.com',
      '/site/tx-1/ercot-password': 'pw',
      '/hashwatch/ercot/subscription-key': 'key-1',
    });
    const source = sitePowerSource(site, {
      readSecret: s.readSecret,
      http,
      eurRate,
      endpoints: { ercotApiUrl: url, ercotTokenUrl: `${url}/token` },
    })!;
    expect(source.market).toBe('ERCOT');
    expect(source.site).toBe('tx-1');
    const prices = await source.prices({ fromIso: '2026-12-04T06:00:00.000Z', toIso: '2026-12-04T07:00:00.000Z' });
    expect(prices.map((p) => p.usdPerMwh)).toEqual([17.5, 18.5, 19.5, 20.5]); // 11-14 + 6.5
    expect(s.read.sort()).toEqual([
      '/hashwatch/ercot/subscription-key',
      '/hashwatch/ercot/username',
      '/site/tx-1/ercot-password',
    ]);
    expect(new URLSearchParams(seen[0]!.body).get('password')).toBe('pw');
    expect(seen[1]!.headers['ocp-apim-subscription-key']).toBe('key-1');
  });

  it('a missing secret is the fetch’s error, naming the parameter, once the archive cannot answer either', async () => {
    const { base: url, seen } = await ercotStandIn();
    const site = siteConfigSchema.parse({
      ...base,
      powerPrice: { type: 'ercot', settlementPoint: 'LZ_WEST', expectedUsdPerMwh: 40 },
    });
    const source = sitePowerSource(site, {
      readSecret: secrets({}).readSecret,
      http,
      eurRate,
      // The stand-in has no archive: its listing answers 404.
      endpoints: { ercotApiUrl: url, ercotTokenUrl: `${url}/token`, ercotArchiveUrl: url },
    })!;
    await expect(
      source.prices({ fromIso: '2026-12-04T06:00:00.000Z', toIso: '2026-12-04T07:00:00.000Z' }),
    ).rejects.toThrow(
      /\/hashwatch\/ercot\/username does not exist.*and so did its archive \(site "tx-1": ercot-archive-rt\.list: HTTP 404/,
    );
    expect(seen.map((s) => s.url.pathname)).toEqual(['/misapp/servlets/IceDocListJsonWS']);
  });

  it('a tariff gives 15-minute prices plus the adder; a fixed price has no source', async () => {
    const tariffSite = siteConfigSchema.parse({
      ...base,
      powerPrice: {
        type: 'tariff',
        tariff: {
          timeZone: 'America/Chicago',
          baseUsdPerMwh: 45,
          windows: [{ days: ['fri'], from: '14:00', to: '19:00', usdPerMwh: 120 }],
        },
        adderUsdPerMwh: 5,
      },
    });
    const source = sitePowerSource(tariffSite, { readSecret: secrets({}).readSecret, http, eurRate })!;
    // Friday 2026-12-04 13:45-14:15 CST = 19:45-20:15Z.
    const prices = await source.prices({ fromIso: '2026-12-04T19:45:00.000Z', toIso: '2026-12-04T20:15:00.000Z' });
    expect(prices.map((p) => [p.startIso.slice(11, 16), p.usdPerMwh])).toEqual([
      ['19:45', 50],
      ['20:00', 125],
    ]);
    const fixedSite = siteConfigSchema.parse({ ...base, powerPrice: { type: 'fixed', usdPerMwh: 40 } });
    expect(sitePowerSource(fixedSite, { readSecret: secrets({}).readSecret, http, eurRate })).toBeUndefined();
  });
});
