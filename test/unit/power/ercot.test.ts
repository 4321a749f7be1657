/**
 * ERCOT's public API reports (NP6-905-CD real time, NP4-190-CD day-ahead) and the archive CSV.
 * The field lists and the product list are ERCOT's own, as recorded by tinyercot
 * (test/fixtures/power/SOURCES.md); no recorded price rows exist there, so the rows below are test
 * inputs in ERCOT's documented `Report` shape, not market data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseErcotArchiveCsv } from '../../../shared/adapters/power/ercotArchiveCsv';
import {
  ERCOT_API_COLUMNS,
  ERCOT_API_BASE_URL,
  ERCOT_REPORTS,
  ercotReportPath,
  parseErcotReport,
} from '../../../shared/adapters/power/ercotPublicApi';
import { PowerPriceError } from '../../../shared/domain/power/powerPriceError';
import { REPO_ROOT } from '../../support/importGraph';
import { thrownError } from '../../support/thrownError';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/power/ercot', name), 'utf8'));

/** The recorded `fields` of a report: name and dataType in ERCOT's column order. */
const recordedFields = fixture('tinyercot-api_response_fields.json') as Record<string, Record<string, string>>;
const fieldsOf = (report: string): Array<{ name: string; dataType: string }> =>
  Object.entries(recordedFields[report]!).map(([name, dataType]) => ({ name, dataType }));

const RT_FIELDS = fieldsOf('np6-905-cd/spp_node_zone_hub');
const DAM_FIELDS = fieldsOf('np4-190-cd/dam_stlmnt_pnt_prices');

/** A body in ERCOT's Report shape whose rows are given by column name. */
function body(
  emil: string,
  fields: Array<{ name: string; dataType: string }>,
  rows: Array<Record<string, string | number | boolean>>,
) {
  return {
    _meta: { totalRecords: rows.length, pageSize: 1000, totalPages: 1, currentPage: 1 },
    report: { reportEMIL: emil },
    fields,
    data: rows.map((row) => fields.map((f) => row[f.name] ?? null)),
  };
}

const rt = (over: Record<string, string | number | boolean>) => ({
  deliveryDate: '2026-07-15',
  deliveryHour: 15,
  deliveryInterval: 1,
  settlementPoint: 'LZ_NORTH',
  settlementPointType: 'LZ',
  settlementPointPrice: 31.25,
  DSTFlag: false,
  ...over,
});

const errorOf = (fn: () => unknown): PowerPriceError => thrownError(fn, PowerPriceError);

describe('ERCOT products as recorded (tinyercot products.json)', () => {
  const products = (fixture('tinyercot-products.json') as { _embedded: { products: Array<Record<string, unknown>> } })
    ._embedded.products;

  it.each(Object.values(ERCOT_REPORTS))(
    "$emil: report type, endpoint and cadence match ERCOT's product list",
    (report) => {
      const product = products.find((p) => p.emilId === report.emil)!;
      expect(product.reportTypeId).toBe(report.reportTypeId);
      const artifacts = product.artifacts as Array<{ _links: { endpoint: { href: string } } }>;
      expect(artifacts.map((a) => a._links.endpoint.href)).toContain(`${ERCOT_API_BASE_URL}${report.path}`);
    },
  );

  it('NP6-905-CD is posted every 15 minutes: the real-time interval read', () => {
    expect(products.find((p) => p.emilId === 'NP6-905-CD')!.generationFrequency).toBe('Chron - 15 Minutes');
    expect(ERCOT_REPORTS.rt.intervalMinutes).toBe(15);
  });

  it('the recorded field lists hold every column the reader looks up', () => {
    // Derived from the reader's own list, so a column it starts to read is checked against the recording.
    expect(RT_FIELDS.map((f) => f.name)).toEqual(expect.arrayContaining([...ERCOT_API_COLUMNS.rt]));
    expect(DAM_FIELDS.map((f) => f.name)).toEqual(expect.arrayContaining([...ERCOT_API_COLUMNS.dam]));
  });
});

describe('ERCOT real-time settlement point prices (NP6-905-CD)', () => {
  it('reads one load zone in UTC, the LZ row over the LZEW row of the same interval', () => {
    const page = parseErcotReport(
      'tx-1',
      'rt',
      'LZ_NORTH',
      body('NP6-905-CD', RT_FIELDS, [
        rt({ settlementPointType: 'LZEW', settlementPointPrice: 30.5 }),
        rt({}),
        rt({ deliveryInterval: 2, settlementPointPrice: -12.4 }),
        rt({ settlementPoint: 'HB_HOUSTON', settlementPointType: 'HU', settlementPointPrice: 99 }),
      ]),
    );
    expect(page.prices).toEqual([
      {
        startIso: '2026-07-15T19:00:00.000Z', // hour ending 15, interval 1 = 14:00 CDT
        endIso: '2026-07-15T19:15:00.000Z',
        intervalMinutes: 15,
        usdPerMwh: 31.25,
        source: 'ercot-api-rt',
        market: 'ERCOT',
        location: 'LZ_NORTH',
      },
      expect.objectContaining({ startIso: '2026-07-15T19:15:00.000Z', usdPerMwh: -12.4 }),
    ]);
    expect(page).toMatchObject({ currentPage: 1, totalPages: 1 });
  });

  it('an LZEW row alone stands in for its zone', () => {
    const page = parseErcotReport(
      'tx-1',
      'rt',
      'LZ_NORTH',
      body('NP6-905-CD', RT_FIELDS, [rt({ settlementPointType: 'LZEW', settlementPointPrice: 30.5 })]),
    );
    expect(page.prices.map((p) => p.usdPerMwh)).toEqual([30.5]);
  });

  it('looks columns up by name: reordered fields read the same', () => {
    const reordered = [...RT_FIELDS].reverse();
    const a = parseErcotReport('tx-1', 'rt', 'LZ_NORTH', body('NP6-905-CD', RT_FIELDS, [rt({})]));
    const b = parseErcotReport('tx-1', 'rt', 'LZ_NORTH', body('NP6-905-CD', reordered, [rt({})]));
    expect(b.prices).toEqual(a.prices);
  });

  it('a renamed column is an error naming the site, the column and the fields there are', () => {
    const renamed = RT_FIELDS.map((f) => (f.name === 'settlementPointPrice' ? { ...f, name: 'spp' } : f));
    const error = errorOf(() => parseErcotReport('tx-1', 'rt', 'LZ_NORTH', body('NP6-905-CD', renamed, [rt({})])));
    expect(error.kind).toBe('schema');
    expect(error.message).toMatch(/^site "tx-1": ercot-api-rt\.fields: .*settlementPointPrice.*\(it has .*spp/);
  });

  it('a settlement point missing from the answer is named', () => {
    const error = errorOf(() => parseErcotReport('tx-1', 'rt', 'LZ_WEST', body('NP6-905-CD', RT_FIELDS, [rt({})])));
    expect(error.kind).toBe('missing-location');
    expect(error.message).toContain('"LZ_WEST"');
  });

  it('a price that is not a number names its row and column', () => {
    const error = errorOf(() =>
      parseErcotReport(
        'tx-1',
        'rt',
        'LZ_NORTH',
        body('NP6-905-CD', RT_FIELDS, [rt({}), rt({ settlementPointPrice: 'n/a' })]),
      ),
    );
    expect(error.message).toContain('ercot-api-rt.data[1].settlementPointPrice');
  });

  it('the day-ahead report where real time was asked is refused', () => {
    const error = errorOf(() => parseErcotReport('tx-1', 'rt', 'LZ_NORTH', body('NP4-190-CD', RT_FIELDS, [rt({})])));
    expect(error.message).toContain('reportEMIL');
  });

  it('the repeated hour of the fall change is two intervals an hour apart (DSTFlag marks the second)', () => {
    const page = parseErcotReport(
      'tx-1',
      'rt',
      'LZ_NORTH',
      body('NP6-905-CD', RT_FIELDS, [
        rt({ deliveryDate: '2026-11-01', deliveryHour: 2, DSTFlag: false, settlementPointPrice: 20 }),
        rt({ deliveryDate: '2026-11-01', deliveryHour: 2, DSTFlag: true, settlementPointPrice: 21 }),
      ]),
    );
    expect(page.prices.map((p) => [p.startIso, p.usdPerMwh])).toEqual([
      ['2026-11-01T06:00:00.000Z', 20],
      ['2026-11-01T07:00:00.000Z', 21],
    ]);
  });

  it('an hour the spring change skips is refused, not shifted', () => {
    const error = errorOf(() =>
      parseErcotReport(
        'tx-1',
        'rt',
        'LZ_NORTH',
        body('NP6-905-CD', RT_FIELDS, [rt({ deliveryDate: '2026-03-08', deliveryHour: 3 })]),
      ),
    );
    expect(error.kind).toBe('interval');
  });

  it("asks for one settlement point and delivery days with ERCOT's documented parameters", () => {
    expect(ercotReportPath('rt', 'LZ_NORTH', '2026-07-15', '2026-07-15', 2)).toBe(
      '/np6-905-cd/spp_node_zone_hub?deliveryDateFrom=2026-07-15&deliveryDateTo=2026-07-15&settlementPoint=LZ_NORTH&page=2',
    );
  });
});

describe('ERCOT day-ahead settlement point prices (NP4-190-CD)', () => {
  it('reads hourly prices, hour ending "24:00" being the last hour of the day', () => {
    const page = parseErcotReport(
      'tx-1',
      'dam',
      'HB_HOUSTON',
      body('NP4-190-CD', DAM_FIELDS, [
        {
          deliveryDate: '2026-07-15',
          hourEnding: '24:00',
          settlementPoint: 'HB_HOUSTON',
          settlementPointPrice: 41.02,
          DSTFlag: false,
        },
        {
          deliveryDate: '2026-07-15',
          hourEnding: '01:00',
          settlementPoint: 'HB_HOUSTON',
          settlementPointPrice: 25.5,
          DSTFlag: false,
        },
      ]),
    );
    expect(page.prices.map((p) => [p.startIso, p.endIso, p.intervalMinutes, p.usdPerMwh, p.source])).toEqual([
      ['2026-07-15T05:00:00.000Z', '2026-07-15T06:00:00.000Z', 60, 25.5, 'ercot-api-dam'],
      ['2026-07-16T04:00:00.000Z', '2026-07-16T05:00:00.000Z', 60, 41.02, 'ercot-api-dam'],
    ]);
  });
});

describe('ERCOT report archive CSV (no-key fallback)', () => {
  const header =
    'DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag';

  it('reads the archive CSV as the API: same times, LZ over LZEW', () => {
    const csv = [
      header,
      '07/15/2026,15,1,LZ_NORTH,LZEW,30.50,N',
      '07/15/2026,15,1,LZ_NORTH,LZ,31.25,N',
      '07/15/2026,15,2,LZ_NORTH,LZ,-12.40,N',
      '07/15/2026,15,1,HB_HOUSTON,HU,99.00,N',
    ].join('\r\n');
    const prices = parseErcotArchiveCsv('tx-1', 'rt', 'LZ_NORTH', csv);
    const api = parseErcotReport(
      'tx-1',
      'rt',
      'LZ_NORTH',
      body('NP6-905-CD', RT_FIELDS, [rt({}), rt({ deliveryInterval: 2, settlementPointPrice: -12.4 })]),
    );
    expect(prices.map((p) => ({ ...p, source: 'ercot-api-rt' }))).toEqual(api.prices);
    expect(prices[0]!.source).toBe('ercot-archive-rt');
  });

  it('reads the day-ahead archive layout', () => {
    const csv =
      'DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n07/15/2026,01:00,HB_HOUSTON,25.50,N\n';
    expect(parseErcotArchiveCsv('tx-1', 'dam', 'HB_HOUSTON', csv)).toEqual([
      expect.objectContaining({ startIso: '2026-07-15T05:00:00.000Z', usdPerMwh: 25.5, source: 'ercot-archive-dam' }),
    ]);
  });

  it('a bad flag names the line and the column', () => {
    const error = errorOf(() =>
      parseErcotArchiveCsv('tx-1', 'rt', 'LZ_NORTH', `${header}\n07/15/2026,15,1,LZ_NORTH,LZ,31.25,maybe\n`),
    );
    expect(error.message).toBe('site "tx-1": ercot-archive-rt line 2: DSTFlag: not Y or N: "maybe"');
  });

  it('an HTML page where the CSV was expected is refused', () => {
    const error = errorOf(() =>
      parseErcotArchiveCsv('tx-1', 'rt', 'LZ_NORTH', '<html><body>Maintenance</body></html>'),
    );
    expect(error.kind).toBe('not-data');
    expect(error.message).toContain('ercot-archive-rt: the answer is an HTML page');
  });
});
