/**
 * ERCOT's report archive on loopback: the listing in the shape ERCOT answers (read by several public
 * clients), ZIPs built in the test holding CSVs with ERCOT's documented header (rows are test
 * inputs, not market data), and the fallback from the API to the archive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ErcotApiSource } from '../../../shared/adapters/power/ercotApiSource';
import { ErcotArchiveSource, ErcotWithArchiveFallback } from '../../../shared/adapters/power/ercotArchiveSource';
import { PowerPriceError } from '../../../shared/domain/power/powerPriceError';
import { archiveStandIn, closeStandIns, json, QUARTERS, rtCsv, serve } from '../../support/powerStandIns';
import { POWER_TEST_HTTP_OPTIONS } from '../../support/powerStandIns';
import { zipOf } from '../../support/zipWriter';

afterEach(closeStandIns);

/** One attempt a request: the tests check what each answer does, not the retries. */
const http = { options: { ...POWER_TEST_HTTP_OPTIONS, maxAttempts: 1 } };

const window = { fromIso: '2026-12-04T12:00:00.000Z', toIso: '2026-12-04T13:00:00.000Z' };

describe('ERCOT report archive', () => {
  it('lists the report type, downloads only the CSV documents of the window, and reads the LZ rows', async () => {
    const { base, seen } = await archiveStandIn();
    const source = new ErcotArchiveSource({
      site: 'tx-1',
      kind: 'rt',
      settlementPoint: 'LZ_WEST',
      http,
      baseUrl: base,
    });
    const prices = await source.prices(window);
    expect(prices.map((p) => [p.startIso.slice(11, 16), p.usdPerMwh, p.source])).toEqual([
      ['12:00', 31, 'ercot-archive-rt'],
      ['12:15', 32, 'ercot-archive-rt'],
      ['12:30', 33, 'ercot-archive-rt'],
      ['12:45', 34, 'ercot-archive-rt'],
    ]);
    const downloads = seen
      .filter((s) => s.url.pathname.endsWith('mirDownload'))
      .map((s) => s.url.searchParams.get('doclookupId'));
    expect(downloads.sort()).toEqual(QUARTERS.map((q) => q.docId));
  });

  it('a document that answers an HTML page, or a cut ZIP, is `not-data` naming the document', async () => {
    const page = await archiveStandIn({ download: () => '<html><body>Error Downloading Content</body></html>' });
    const error = (await new ErcotArchiveSource({
      site: 'tx-1',
      kind: 'rt',
      settlementPoint: 'LZ_WEST',
      http,
      baseUrl: page.base,
    })
      .prices(window)
      .catch((e: unknown) => e)) as PowerPriceError;
    expect(error.kind).toBe('not-data');
    expect(error.field).toMatch(/^ercot-archive-rt\.document\[128205000\d\]$/);
    await closeStandIns();
    const cut = await archiveStandIn({
      download: () => zipOf([{ name: 'a.csv', text: rtCsv(7, 1, 31) }]).subarray(0, 60),
    });
    const cutError = (await new ErcotArchiveSource({
      site: 'tx-1',
      kind: 'rt',
      settlementPoint: 'LZ_WEST',
      http,
      baseUrl: cut.base,
    })
      .prices(window)
      .catch((e: unknown) => e)) as PowerPriceError;
    expect(cutError.kind).toBe('not-data');
    expect(cutError.message).toMatch(/not a ZIP archive|truncated|damaged/);
  });

  it('a listing of another shape is a schema error naming the field', async () => {
    const { base } = await serve((_req, res) =>
      json(res, 200, { ListDocsByRptTypeRes: { DocumentList: [{ Document: { DocID: 'x' } }] } }),
    );
    const error = (await new ErcotArchiveSource({
      site: 'tx-1',
      kind: 'rt',
      settlementPoint: 'LZ_WEST',
      http,
      baseUrl: base,
    })
      .prices(window)
      .catch((e: unknown) => e)) as PowerPriceError;
    expect(error.kind).toBe('schema');
    expect(error.field).toMatch(/^ercot-archive-rt\.list\.ListDocsByRptTypeRes\.DocumentList\.0\.Document\./);
  });
});

/** ERCOT's API at `apiBase` (its login at /token), the archive at `archiveBase` as its fallback. */
const apiWithArchive = (apiBase: string, archiveBase: string) =>
  new ErcotWithArchiveFallback(
    new ErcotApiSource({
      site: 'tx-1',
      kind: 'rt',
      settlementPoint: 'LZ_WEST',
      credentials: async () => ({ username: 'u', password: 'p', subscriptionKey: 'k' }),
      http,
      baseUrl: apiBase,
      tokenUrl: `${apiBase}/token`,
    }),
    new ErcotArchiveSource({ site: 'tx-1', kind: 'rt', settlementPoint: 'LZ_WEST', http, baseUrl: archiveBase }),
  );

describe('the API with the archive as fallback', () => {
  it('a refused login falls back to the archive; the prices say the archive answered', async () => {
    const archive = await archiveStandIn();
    const api = await serve((_req, res) => json(res, 401, {}));
    const source = apiWithArchive(api.base, archive.base);
    const prices = await source.prices(window);
    expect(prices).toHaveLength(4);
    expect(new Set(prices.map((p) => p.source))).toEqual(new Set(['ercot-archive-rt']));
  });

  it('bad data from the API is not papered over by the archive', async () => {
    const archive = await archiveStandIn();
    const api = await serve((req, res) =>
      req.url.pathname === '/token'
        ? json(res, 200, { id_token: 't', expires_in: 3600 })
        : json(res, 200, { _meta: { totalPages: 1, currentPage: 1 }, fields: [], data: [] }),
    );
    const source = apiWithArchive(api.base, archive.base);
    const error = (await source.prices(window).catch((e: unknown) => e)) as PowerPriceError;
    expect(error).toBeInstanceOf(PowerPriceError);
    expect(error.kind).toBe('schema');
    expect(archive.seen).toEqual([]);
  });
});
