/**
 * GET /v1/miners through the read API's router, on the bundled series with a fixed clock: the
 * latest view (what the signals judge, the age of each newest month), the monthly series as JSON and
 * CSV with its paging, and refusals naming the parameter.
 */
import { describe, expect, it } from 'vitest';
import type { ApiPorts } from '../../../shared/api/ports';
import { createApiRouter } from '../../../shared/api/router';
import { EMPTY_API_PORTS } from '../../support/emptyApiPorts';
import { loadPublicMinersMonthly } from '../../../shared/data/publicMinersMonthly';

const ports: ApiPorts = { ...EMPTY_API_PORTS, nowMs: () => Date.parse('2026-05-20T12:00:00Z') };
const route = createApiRouter(ports);
const get = (query: Record<string, string>) => route({ method: 'GET', path: '/v1/miners', query });

describe('GET /v1/miners', () => {
  it('latest: each company with its latest public period, the signals\u2019 reasons and the age of its newest month', async () => {
    const res = await get({});
    expect(res.statusCode).toBe(200);
    const view = JSON.parse(res.body) as { asOf: string; date: string; companies: Array<Record<string, unknown>> };
    expect(view.date).toBe('2026-05-20');
    expect(view.asOf).toBe(loadPublicMinersMonthly().asOf);
    expect(view.companies.find((c) => c.ticker === 'MARA')).toMatchObject({
      month: '2026-03',
      btcSold: 15133,
      btcHeldAtEnd: 38689,
      productionBasis: 'estimated',
      treasuryChangePct: -28.1,
      liquidationReasons: ['sold-more-than-produced', 'treasury-fell'],
      newestMonthAgeDays: 50,
      stale: true,
    });
    const csv = await get({ ticker: 'riot', format: 'csv' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = csv.body.trim().split('\n');
    expect(header!.split(',').slice(0, 3)).toEqual(['ticker', 'name', 'month']);
    expect(row).toMatch(/^RIOT,.*,2025-12,1,/);
  });

  it('monthly: the series of one company, paged with a cursor, the CSV columns the JSON keys', async () => {
    const first = JSON.parse((await get({ view: 'monthly', ticker: 'RIOT', limit: '5' })).body) as {
      rows: Array<{ month: string }>;
      next: { cursor: string; path: string } | null;
    };
    const riotRows = loadPublicMinersMonthly().rows.filter((r) => r.ticker === 'RIOT').length;
    expect(first.rows.map((r) => r.month)).toEqual([...first.rows.map((r) => r.month)].sort());
    expect(first.rows).toHaveLength(5);
    const seen = [...first.rows];
    let next = first.next;
    while (next) {
      const page = JSON.parse(
        (await get({ view: 'monthly', ticker: 'RIOT', limit: '5', cursor: next.cursor })).body,
      ) as typeof first;
      seen.push(...page.rows);
      next = page.next;
    }
    expect(seen).toHaveLength(riotRows);
    expect(new Set(seen.map((r) => r.month)).size).toBe(riotRows);
    const csv = await get({ view: 'monthly', ticker: 'RIOT', format: 'csv', limit: '2' });
    expect(csv.headers['x-hashwatch-next-cursor']).toBeDefined();
    expect(csv.headers.link).toMatch(
      /^<\/v1\/miners\?view=monthly&ticker=RIOT&format=csv&limit=2&cursor=.+>; rel="next"$/,
    );
    expect(csv.body.split('\n')[0]).toBe(
      'ticker,month,periodMonths,publishedOn,btcProduced,btcSold,btcBought,btcOtherChange,btcHeldAtEnd,operatingHashrateEhs,powerCapacityMw,aiHpcContractedMw,interestExpenseUsd',
    );
  });

  it('refuses an unknown ticker, a bad month, a bad view and paging on the latest view, naming each', async () => {
    const fields = async (query: Record<string, string>) =>
      (JSON.parse((await get(query)).body) as { error: { issues: Array<{ field: string }> } }).error.issues.map(
        (i) => i.field,
      );
    expect(await fields({ ticker: 'XYZ' })).toEqual(['ticker']);
    expect(await fields({ view: 'monthly', from: '2026-13' })).toEqual(['from']);
    expect(await fields({ view: 'weekly' })).toEqual(['view']);
    expect(await fields({ limit: '5' })).toEqual(['view']);
    expect(await fields({ view: 'monthly', cursor: 'not-ours!' })).toEqual(['cursor']);
    expect(await fields({ tickr: 'RIOT' })).toEqual(['tickr']);
  });
});
