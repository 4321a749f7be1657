/**
 * `npm start -- --replay --api-port PORT` as a user runs it, in a real child process: while the
 * local run runs, the read API answers on 127.0.0.1:PORT from the calculator's own handler, on the
 * table the replayed pipeline fills (recorded responses of 2026-02-01, mempool prices in every
 * currency it quotes). Ctrl-C then stops the API server with the rest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expectServed, roundingSlack } from '../../support/servedFigures';
import { freePort, npmStartRun, waitFor } from '../../support/npmStartRun';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('npm start -- --api-port', () => {
  it('refuses a port that is not a TCP port, naming the option', async () => {
    const run = npmStartRun(['--replay', '--api-port', 'http']);
    await run.exited;
    expect(run.child.exitCode).toBe(2);
    expect(run.output()).toContain('--api-port must be a TCP port from 1 to 65535, got http');
  }, 60_000);

  it('serves /v1/latest, /v1/signals and /v1/history (CSV) on 127.0.0.1 during a replay run, in USD and EUR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hashwatch-api-'));
    dirs.push(dir);
    const port = await freePort();
    const run = npmStartRun([
      '--replay',
      '--interval',
      '0.05',
      '--events',
      join(dir, 'e.jsonl'),
      '--api-port',
      String(port),
    ]);
    const out = run.output;
    const child = run.child;
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(
        () => out(),
        () => child.exitCode !== null,
        new RegExp(`Read API on http://127\\.0\\.0\\.1:${port}`),
        90_000,
      );
      await waitFor(
        () => out(),
        () => child.exitCode !== null,
        /Events this cycle/,
        120_000,
      );

      const latest = await fetch(`${base}/v1/latest`);
      expect(latest.status).toBe(200);
      const usd = (await latest.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      // Replay cycles step the ingest clock by 10 minutes from the recording's 00:10Z.
      expect(usd.snapshot.intervalStart).toMatch(/^2026-02-01T0\d:\d0:00\.000Z$/);
      expect(usd.snapshot.btcPrice).toBe(78_702);
      const perPh = usd.hashprice.expected.perPhDay;
      expectServed(usd.hashprice.expected.perThDay, 'perThDay', perPh / 1000, roundingSlack('perPhDay', perPh) / 1000);
      // The status view printed the same hashprice per PH/s.
      expect(out()).toContain(`$${usd.hashprice.expected.usdPerPhDay.toFixed(2)} /PH/day`);

      const eur = (await (await fetch(`${base}/v1/latest?currency=EUR`)).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      // mempool's EUR price of the recording, 72,406 for 78,702 USD (shared/data/recorded/SOURCES.md).
      expectServed(eur.fx.perUsd, 'perUsd', 72_406 / 78_702);
      expectServed(eur.snapshot.btcPrice, 'btcPrice', 72_406);
      // From the served (rounded) USD figure: both roundings, no more.
      const usdPerPh = usd.hashprice.expected.perPhDay;
      expectServed(
        eur.hashprice.expected.perPhDay,
        'perPhDay',
        (usdPerPh * 72_406) / 78_702,
        (roundingSlack('perPhDay', usdPerPh) * 72_406) / 78_702,
      );
      expect(eur.hashprice.expected.perPhDay).not.toBeCloseTo(usd.hashprice.expected.perPhDay, 1);
      const usdPerKwh = usd.breakEven[0].powerPricePerKwh;
      expectServed(
        eur.breakEven[0].powerPricePerKwh,
        'powerPricePerKwh',
        (usdPerKwh * 72_406) / 78_702,
        (roundingSlack('powerPricePerKwh', usdPerKwh) * 72_406) / 78_702,
      );

      const signals = await fetch(`${base}/v1/signals`);
      expect(signals.status).toBe(200);
      const s = (await signals.json()) as { signals: { signal: string }[]; events: { id: string }[] };
      expect(s.signals.length).toBeGreaterThan(0);
      expect(s.events.length).toBeGreaterThan(0);

      const csv = await fetch(`${base}/v1/history?from=2026-01-01&to=2026-01-31&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const lines = (await csv.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'date,hashpriceUsdPerPhDay,hashrateEhs,difficulty,btcPriceUsd,fleetShareNegativePct,hashpriceUsdPerThDay,hashpriceSatsPerThDay,fleetShareNegativeLowPct,fleetShareNegativeHighPct',
      );
      expect(lines.length).toBe(32);
      expect(lines[1]!.startsWith('2026-01-01,')).toBe(true);
      expect(lines[31]!.startsWith('2026-01-31,')).toBe(true);
      const eurCsv = (
        await (await fetch(`${base}/v1/history?from=2026-01-30&to=2026-01-31&format=csv&currency=EUR`)).text()
      )
        .trimEnd()
        .split('\r\n');
      const eurColumn = eurCsv[0]!.split(',').indexOf('hashpriceEurPerPhDay');
      expect(eurColumn).toBeGreaterThan(0);
      // Each day at its own rate: 2026-01-30 at the ECB's (1.1919 USD per EUR that day), not the
      // snapshot's of 2026-02-01; 2026-01-31 (a Saturday, no ECB rate) keeps USD figures only.
      const usdDay = Number(lines[30]!.split(',')[1]);
      expect(Number(eurCsv[1]!.split(',')[eurColumn])).toBeCloseTo(usdDay / 1.1919, 3);
      expect(eurCsv[2]!.split(',')[eurColumn]).toBe('');

      // docs/api.md shows this very answer for these five days.
      const docs = readFileSync(join(root, 'docs', 'api.md'), 'utf8');
      const shown = /history\?from=2026-01-27&to=2026-01-31&format=csv'\n```\n\n```text\n([\s\S]*?)```/.exec(docs)![1]!;
      const served = await (await fetch(`${base}/v1/history?from=2026-01-27&to=2026-01-31&format=csv`)).text();
      expect(served.replace(/\r\n/g, '\n')).toBe(shown);

      // And its `/v1/latest?currency=EUR` example (what its jq filter keeps) and its 400 example.
      const latestShown =
        /currency=EUR' \| jq '\{fx, hashprice: \.hashprice\.expected\}'\n```\n\n[^\n]*\n[^\n]*\n\n```json\n([\s\S]*?)```/.exec(
          docs,
        )![1]!;
      const latestEur = (await (await fetch(`${base}/v1/latest?currency=EUR`)).json()) as {
        fx: unknown;
        hashprice: { expected: unknown };
      };
      // `asOf` is the latest snapshot's: the page shows the first cycle's, this run may be further on
      // (each replayed cycle is 10 minutes later); the rate and the figures are the same.
      const shownLatest = JSON.parse(latestShown) as { fx: { asOf: string } };
      expect(shownLatest.fx.asOf).toBe('2026-02-01T00:10:00.000Z');
      expect((latestEur.fx as { asOf: string }).asOf).toMatch(/^2026-02-01T0\d:\d0:00\.000Z$/);
      expect({ fx: latestEur.fx, hashprice: latestEur.hashprice.expected }).toEqual({
        ...shownLatest,
        fx: { ...shownLatest.fx, asOf: (latestEur.fx as { asOf: string }).asOf },
      });
      const errorShown = /history\?from=2026-01-31'\n```\n\n```text\n([\s\S]*?)\n```/.exec(docs)![1]!;
      expect(await (await fetch(`${base}/v1/history?from=2026-01-31`)).text()).toBe(errorShown);

      const bad = await fetch(`${base}/v1/history?from=2026-01-01`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { issues: { field: string }[] } }).error.issues[0]!.field).toBe('to');
      const missing = await fetch(`${base}/v2/latest`);
      expect(missing.status).toBe(404);
      const wrong = await fetch(`${base}/v1/latest`, { method: 'POST', body: '{}' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET, HEAD');

      await run.interrupt();
      expect(out()).toContain('Stopped.');
      await expect(fetch(`${base}/v1/latest`)).rejects.toThrow();
    } finally {
      run.kill();
    }
  }, 240_000);
});
