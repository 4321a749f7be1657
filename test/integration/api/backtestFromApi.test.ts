/**
 * `npm run backtest -- --from-api URL` over loopback (issue #29): the local API server (the real
 * router over a DynamoDB Local table holding real bundled daily rollups, stored through the ingest's
 * own repository) checks every request's SigV4 signature, as the Function URL's AWS_IAM auth does;
 * the backtest's CLI signs with the credentials the environment holds (the SDK's default chain),
 * reads every page of GET /v1/history (its cursor), and replays the days that were stored. A
 * request signed with another secret is refused, and the backtest says so and why.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../local/backtest/cli';
import { historyFromApi } from '../../../local/history/apiHistory';
import { bundledOnlyHistory } from '../../../local/history/localHistory';
import type { ApiServer } from '../../../local/run/apiServer';
import { DynamoDailyHistoryReader } from '../../../shared/adapters/dynamo/apiReaders';
import { DynamoNetworkRepository } from '../../../shared/adapters/dynamo/networkRepository';
import { realizedHashpriceOfDay } from '../../../shared/domain/hashprice';
import { DEFAULT_WARMUP_DAYS } from '../../../local/backtest/runBacktest';
import { MS_PER_DAY } from '../../../shared/domain/units';
import { useDynamoLocal } from '../../support/dynamoTable';
import { EMPTY_API_PORTS } from '../../support/emptyApiPorts';
import { startLocalApiServer } from '../../support/localApiServer';

const REGION = 'eu-west-1';
// AWS's documented example key pair (never a real one).
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const WRONG_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYOTHERKEY00';
const FROM = '2025-11-01';
const TO = '2025-11-30';
/** The backtest asks from its warm-up's first day. */
const FIRST = new Date(Date.parse(`${FROM}T00:00:00Z`) - DEFAULT_WARMUP_DAYS * MS_PER_DAY).toISOString().slice(0, 10);
const PAGE_DAYS = 100;

const db = useDynamoLocal();
const stored = bundledOnlyHistory().daily.filter((d) => d.date >= FIRST && d.date <= TO);
let server: ApiServer;
let dir: string;

/** fetch, with every URL it was asked recorded. */
function recordingFetch(urls: string[]): typeof fetch {
  return (input, init) => {
    urls.push(String(input));
    return fetch(input, init);
  };
}

beforeAll(async () => {
  const { client, tableName } = await db.newTable();
  const repository = new DynamoNetworkRepository(client, tableName);
  for (const d of stored) await repository.putDaily(d);
  server = await startLocalApiServer(
    { ...EMPTY_API_PORTS, history: new DynamoDailyHistoryReader(client, tableName) },
    { sigv4: { region: REGION, credentials: CREDENTIALS } },
  );
  dir = await mkdtemp(join(tmpdir(), 'hashwatch-from-api-'));
  // The SDK's default chain reads these, as it would a user's shell.
  vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_REGION', REGION);
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run backtest -- --from-api (loopback, SigV4 checked)', () => {
  it('reads every page, each day once, in order: the days that were stored', async () => {
    const urls: string[] = [];
    const history = await historyFromApi({
      baseUrl: server.baseUrl,
      from: FIRST,
      to: TO,
      epochs: bundledOnlyHistory().epochs,
      fetchImpl: recordingFetch(urls),
      pageDays: PAGE_DAYS,
    });
    expect(stored.length).toBe(DEFAULT_WARMUP_DAYS + 30);
    expect(history.daily.map((d) => d.date)).toEqual(stored.map((d) => d.date));
    // One request per page, each after the first with the cursor the previous page gave.
    expect(urls).toHaveLength(Math.ceil(stored.length / PAGE_DAYS));
    expect(urls.slice(1).every((u) => new URL(u).searchParams.has('cursor'))).toBe(true);
    expect(new URL(urls[0]!).searchParams.has('cursor')).toBe(false);
    // Each day's figures are the stored ones, to the CSV's precision.
    for (const [i, day] of history.daily.entries()) {
      const original = stored[i]!;
      expect(day.difficulty).toBe(Math.round(original.difficulty!));
      expect(Math.abs(day.btcPriceUsd! - original.btcPriceUsd!)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(day.hashrateHps! - original.hashrateHps!) / 1e18).toBeLessThanOrEqual(0.0005);
      const rebuilt = realizedHashpriceOfDay(day)!.usdPerPhDay;
      expect(Math.abs(rebuilt - realizedHashpriceOfDay(original)!.usdPerPhDay), day.date).toBeLessThanOrEqual(
        5e-5 * 1.01,
      );
    }
  });

  it("replays the stored days: the backtest CSV's days and figures are the stored rows'", async () => {
    const urls: string[] = [];
    const csvFile = join(dir, 'days.csv');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    let code: number;
    try {
      code = await main(
        ['--from', FROM, '--to', TO, '--from-api', server.baseUrl, '--csv', csvFile, '--no-report', '--no-progress'],
        { now: new Date('2026-01-15T00:00:00Z'), api: { fetchImpl: recordingFetch(urls), pageDays: PAGE_DAYS } },
      );
    } finally {
      log.mockRestore();
    }
    expect(code).toBe(0);
    expect(urls).toHaveLength(Math.ceil(stored.length / PAGE_DAYS));
    const [header, ...lines] = (await readFile(csvFile, 'utf8')).trimEnd().split('\n');
    const columns = header!.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((cell, i) => [columns[i]!, cell])));
    const replayed = stored.filter((d) => d.date >= FROM);
    expect(rows.map((r) => r.date)).toEqual(replayed.map((d) => d.date));
    for (const [i, row] of rows.entries()) {
      const original = replayed[i]!;
      // The API's CSV and the backtest's each round hashprice to 4 decimals: both roundings, no more.
      expect(
        Math.abs(Number(row.hashpriceUsdPerPhDay) - realizedHashpriceOfDay(original)!.usdPerPhDay),
        row.date,
      ).toBeLessThanOrEqual(1e-4 * 1.01);
      expect(Number(row.difficulty)).toBe(Math.round(original.difficulty!));
      expect(Math.abs(Number(row.btcPriceUsd) - original.btcPriceUsd!)).toBeLessThanOrEqual(0.005 * 1.01);
      expect(Math.abs(Number(row.hashrateEhs) - original.hashrateHps! / 1e18)).toBeLessThanOrEqual(0.0005 * 1.01);
    }
  }, 120_000);

  it('says the read API refused the signature, and why, when the environment holds another secret', async () => {
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', WRONG_SECRET);
    const errors: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    let code: number;
    try {
      code = await main(['--from', FROM, '--to', TO, '--from-api', server.baseUrl, '--no-report', '--no-progress'], {
        now: new Date('2026-01-15T00:00:00Z'),
      });
    } finally {
      error.mockRestore();
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
    }
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(
      new RegExp(
        `^backtest: --from-api http://127\\.0\\.0\\.1:\\d+: the read API refused the request's signature \\(403 .*Forbidden: the signature does not match.*AWS_ACCESS_KEY_ID.*region \\(${REGION}\\)`,
      ),
    );
  });
});
