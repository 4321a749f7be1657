/**
 * Loopback stand-ins of the power price services for tests: a server that records every request
 * (method, URL, headers, body) and answers through the test's handler, and ERCOT's login and
 * real-time report in ERCOT's documented shapes, with the field list as recorded by tinyercot.
 * The prices they serve are test inputs, not market data.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './importGraph';
import { zipOf } from './zipWriter';
import type { HttpOptions } from '../../shared/adapters/sources/http';

/** HTTP options for tests against the stand-ins: short waits, a 1 MiB cap. */
export const POWER_TEST_HTTP_OPTIONS: HttpOptions = {
  timeoutMs: 5_000,
  maxAttempts: 2,
  backoffBaseMs: 1,
  backoffMaxMs: 1,
  maxRetryAfterMs: 1_000,
  requestBudgetMs: 10_000,
  maxResponseBytes: 1 << 20,
  userAgent: 'hashwatch-test',
};

export interface Seen {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];

/** Closes every stand-in started so far (call it in afterEach). */
export async function closeStandIns(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
}

export async function serve(
  handler: (req: Seen, res: ServerResponse) => void,
): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: Seen = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(entry);
      handler(entry, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

export const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
};

// ERCOT's recorded field list of the real-time report (tinyercot), in ERCOT's column order.
const recordedFields = JSON.parse(
  readFileSync(join(REPO_ROOT, 'test/fixtures/power/ercot/tinyercot-api_response_fields.json'), 'utf8'),
) as Record<string, Record<string, string>>;
const RT_FIELDS = Object.entries(recordedFields['np6-905-cd/spp_node_zone_hub']!).map(([name, dataType]) => ({
  name,
  dataType,
}));

/** One page of NP6-905-CD in ERCOT's Report shape; prices are test inputs, not market data. */
export function rtPage(
  page: number,
  totalPages: number,
  hours: number[],
  price: (hour: number, interval: number) => number,
) {
  const rows: Array<Record<string, unknown>> = [];
  for (const hour of hours)
    for (const interval of [1, 2, 3, 4])
      for (const [point, type] of [
        ['LZ_WEST', 'LZ'],
        ['LZ_WEST', 'LZEW'],
      ] as const)
        rows.push({
          deliveryDate: '2026-12-04',
          deliveryHour: hour,
          deliveryInterval: interval,
          settlementPoint: point,
          settlementPointType: type,
          settlementPointPrice: type === 'LZ' ? price(hour, interval) : 999,
          DSTFlag: false,
        });
  return {
    _meta: { totalRecords: rows.length * totalPages, pageSize: rows.length, totalPages, currentPage: page },
    report: { reportEMIL: 'NP6-905-CD' },
    fields: RT_FIELDS,
    data: rows.map((row) => RT_FIELDS.map((f) => row[f.name] ?? null)),
  };
}

export function ercotStandIn(
  options: { expireFirstTokenAfter?: number; price?: (hourEnding: number, interval: number) => number } = {},
) {
  let tokens = 0;
  let reportCalls = 0;
  return serve((req, res) => {
    if (req.url.pathname === '/token') {
      tokens += 1;
      return json(res, 200, { id_token: `id-token-${tokens}`, access_token: 'not-this-one', expires_in: 3600 });
    }
    if (req.url.pathname === '/np6-905-cd/spp_node_zone_hub') {
      reportCalls += 1;
      const expired = options.expireFirstTokenAfter !== undefined && reportCalls > options.expireFirstTokenAfter;
      if (req.headers.authorization === 'Bearer id-token-1' && expired)
        return json(res, 401, { statusCode: 401, message: 'Invalid or expired token' });
      const page = Number(req.url.searchParams.get('page'));
      // Central hours ending 1-12 on page 1, 13-24 on page 2 (prices: hour x 10 + interval).
      const hours =
        page === 1 ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
      return json(res, 200, rtPage(page, 2, hours, options.price ?? ((h, i) => h * 10 + i)));
    }
    json(res, 404, { message: 'not found' });
  });
}

// ERCOT's report archive: the listing in the shape ERCOT answers, ZIPs built here.
/** ERCOT's archive CSV header of the real-time report (docs/power-prices.md). */
const HEADER =
  'DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag';

/** One real-time report: the interval's rows for two points (LZ_WEST as LZ and LZEW, HB_NORTH). */
export function rtCsv(hourEnding: number, interval: number, price: number): string {
  return [
    HEADER,
    `12/04/2026,${hourEnding},${interval},LZ_WEST,LZ,${price.toFixed(2)},N`,
    `12/04/2026,${hourEnding},${interval},LZ_WEST,LZEW,999.00,N`,
    `12/04/2026,${hourEnding},${interval},HB_NORTH,HU,20.00,N`,
  ].join('\r\n');
}

/** Hour ending 7 of 2026-12-04 CST (12:00-13:00Z), one document per quarter, published 2 min after it ends. */
export const QUARTERS = [1, 2, 3, 4].map((interval) => {
  const endMs = Date.parse('2026-12-04T12:00:00Z') + interval * 15 * 60_000;
  return {
    interval,
    docId: String(1_282_050_000 + interval),
    published: new Date(endMs + 120_000).toISOString().replace('Z', ''),
  };
});

export function archiveStandIn(options: { download?: (docId: string) => Buffer | string } = {}) {
  const documents = [
    ...QUARTERS.flatMap((q) => [
      {
        Document: {
          DocID: q.docId,
          FriendlyName: `SPPHLZNP6905_20261204_06${q.interval}5_csv`,
          PublishDate: `${q.published}-00:00`,
          ReportTypeID: 12301,
        },
      },
      {
        Document: {
          DocID: `9${q.docId}`,
          FriendlyName: `SPPHLZNP6905_20261204_06${q.interval}5_xml`,
          PublishDate: `${q.published}-00:00`,
          ReportTypeID: 12301,
        },
      },
    ]),
    // A day earlier: outside the window, never downloaded.
    {
      Document: {
        DocID: '1282040000',
        FriendlyName: 'SPPHLZNP6905_20261203_0615_csv',
        PublishDate: '2026-12-03T06:17:00-06:00',
        ReportTypeID: 12301,
      },
    },
  ];
  return serve((req, res) => {
    if (req.url.pathname === '/misapp/servlets/IceDocListJsonWS') {
      if (req.url.searchParams.get('reportTypeId') !== '12301') return json(res, 400, { error: 'reportTypeId' });
      return json(res, 200, { ListDocsByRptTypeRes: { DocumentList: documents } });
    }
    if (req.url.pathname === '/misdownload/servlets/mirDownload') {
      const docId = req.url.searchParams.get('doclookupId')!;
      const q = QUARTERS.find((x) => x.docId === docId)!;
      const body =
        options.download?.(docId) ??
        zipOf([{ name: `cdr.00012301.${docId}.csv`, text: rtCsv(7, q.interval, 30 + q.interval) }]);
      res.writeHead(200, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/zip' });
      return res.end(body);
    }
    json(res, 404, {});
  });
}
