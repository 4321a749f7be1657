/**
 * ERCOT prices from its report archive, the no-key fallback of the public API: the same reports,
 * posted as ZIP files each holding one CSV. The archive lists a report type's documents as JSON
 * (`IceDocListJsonWS?reportTypeId=`: `ListDocsByRptTypeRes.DocumentList[].Document` with `DocID`,
 * `FriendlyName`, `PublishDate`), each CSV twinned by an XML one (`FriendlyName` ending in `_csv` or
 * `_xml`); a document downloads from `mirDownload?doclookupId=<DocID>`. The real-time report posts
 * one document per 15-minute interval, shortly after it; the day-ahead one document per delivery
 * day, the day before. The archive keeps only recent days (older prices: `npm run power -- fetch`
 * on the API). The listing's shape is the one read by several public ERCOT clients (gridstatus,
 * among others); ERCOT documents the archive on its data product pages.
 */
import * as z from '../../schema/z';
import { forEachLimited } from '../../async/forEachLimited';
import {
  MS_PER_MINUTE,
  pricesStartingWithin,
  windowBoundsMs,
  type IntervalPrice,
} from '../../domain/power/intervalPrice';
import { PowerPriceError } from '../../domain/power/powerPriceError';
import type { PowerPriceSourcePort, PowerPriceWindow } from '../../power/ports';
import { parseErcotArchiveCsv } from './ercotArchiveCsv';
import { ERCOT_REPORTS, type ErcotReportKind } from './ercotPublicApi';
import { requestPowerBytes, requestPowerData, type PowerHttp } from './powerRequest';
import { readZipEntries, ZipError } from './zipEntry';

export const ERCOT_ARCHIVE_BASE_URL = 'https://www.ercot.com';
const LIST_PATH = '/misapp/servlets/IceDocListJsonWS';
const DOWNLOAD_PATH = '/misdownload/servlets/mirDownload';

const listingSchema = z.object({
  ListDocsByRptTypeRes: z.object({
    DocumentList: z._default(
      z.array(
        z.object({
          Document: z.object({
            DocID: z.union([z.string().check(z.regex(/^\d+$/)), z.int()]),
            FriendlyName: z.string(),
            PublishDate: z.string(),
          }),
        }),
      ),
      [],
    ),
  }),
});

/** Documents read per call, at most: a day of real-time reports is 96. */
const MAX_DOCUMENTS = 200;
/** A real-time report appears within minutes of its interval; a day-ahead one the day before. */
const PUBLISH_LAG_MS = 60 * MS_PER_MINUTE;
const DAY_AHEAD_LEAD_MS = 2 * 24 * 60 * MS_PER_MINUTE;
const MAX_CSV_BYTES = 16 * 1024 * 1024;

export interface ErcotArchiveSourceConfig {
  site: string;
  kind: ErcotReportKind;
  settlementPoint: string;
  http: PowerHttp;
  baseUrl?: string;
  /** Downloads in flight at once (ERCOT limits how fast its site may be read). */
  concurrency?: number;
}

export class ErcotArchiveSource implements PowerPriceSourcePort {
  readonly market = 'ERCOT' as const;
  readonly site: string;
  private readonly source: string;

  constructor(private readonly config: ErcotArchiveSourceConfig) {
    this.site = config.site;
    this.source = config.kind === 'rt' ? 'ercot-archive-rt' : 'ercot-archive-dam';
  }

  async prices(window: PowerPriceWindow): Promise<IntervalPrice[]> {
    const { fromMs, toMs } = windowBoundsMs(this.site, `${this.source}.window`, window);
    const base = this.config.baseUrl ?? ERCOT_ARCHIVE_BASE_URL;
    const listUrl = `${base}${LIST_PATH}?reportTypeId=${ERCOT_REPORTS[this.config.kind].reportTypeId}`;
    const listText = await requestPowerData(this.site, `${this.source}.list`, listUrl, this.config.http);
    let json: unknown;
    try {
      json = JSON.parse(listText);
    } catch {
      throw new PowerPriceError(this.site, `${this.source}.list`, 'not-data', 'the listing is not JSON');
    }
    const listing = listingSchema.safeParse(json);
    if (!listing.success) {
      const issue = listing.error.issues[0]!;
      throw new PowerPriceError(this.site, `${this.source}.list.${issue.path.join('.')}`, 'schema', issue.message);
    }
    const earliestMs = this.config.kind === 'rt' ? fromMs : fromMs - DAY_AHEAD_LEAD_MS;
    const latestMs = this.config.kind === 'rt' ? toMs + PUBLISH_LAG_MS : toMs;
    const documents = listing.data.ListDocsByRptTypeRes.DocumentList.map((d) => d.Document).filter((d) => {
      const publishedMs = Date.parse(d.PublishDate);
      return d.FriendlyName.endsWith('_csv') && publishedMs >= earliestMs && publishedMs <= latestMs;
    });
    if (documents.length > MAX_DOCUMENTS)
      throw new PowerPriceError(
        this.site,
        `${this.source}.window`,
        'interval',
        `${documents.length} archive documents in the window, more than ${MAX_DOCUMENTS}: ask for a shorter one`,
      );
    const prices: IntervalPrice[] = [];
    await forEachLimited(documents, this.config.concurrency ?? 4, async (document) => {
      const field = `${this.source}.document[${document.DocID}]`;
      const zip = await requestPowerBytes(
        this.site,
        field,
        `${base}${DOWNLOAD_PATH}?doclookupId=${document.DocID}`,
        this.config.http,
      );
      let entries;
      try {
        entries = readZipEntries(zip, MAX_CSV_BYTES);
      } catch (error) {
        if (error instanceof ZipError) throw new PowerPriceError(this.site, field, 'not-data', error.message);
        throw error;
      }
      const csv = entries.find((e) => e.name.toLowerCase().endsWith('.csv'));
      if (!csv)
        throw new PowerPriceError(
          this.site,
          field,
          'not-data',
          `no CSV in the ZIP (${entries.map((e) => e.name).join(', ')})`,
        );
      prices.push(
        ...parseErcotArchiveCsv(this.site, this.config.kind, this.config.settlementPoint, csv.bytes.toString('utf8')),
      );
    });
    return pricesStartingWithin(prices, window.fromIso, window.toIso).sort((a, b) =>
      a.startIso.localeCompare(b.startIso),
    );
  }
}

/**
 * The public API, and the archive when the API cannot answer: a refused or missing login, a
 * throttle, an outage or an HTML page. Bad data from the API is not papered over: a schema or range
 * error stays an error. The prices say which one answered (`ercot-api-*` or `ercot-archive-*`).
 */
export class ErcotWithArchiveFallback implements PowerPriceSourcePort {
  readonly market = 'ERCOT' as const;

  constructor(
    private readonly api: PowerPriceSourcePort,
    private readonly archive: PowerPriceSourcePort,
  ) {}

  get site(): string {
    return this.api.site;
  }

  async prices(window: PowerPriceWindow): Promise<IntervalPrice[]> {
    try {
      return await this.api.prices(window);
    } catch (error) {
      const transport =
        !(error instanceof PowerPriceError) || ['unauthorized', 'throttled', 'http', 'not-data'].includes(error.kind);
      if (!transport) throw error;
      try {
        return await this.archive.prices(window);
      } catch (archiveError) {
        throw new AggregateError(
          [error, archiveError],
          `site "${this.site}": ERCOT's API failed (${(error as Error).message}) and so did its archive (${(archiveError as Error).message})`,
          { cause: archiveError },
        );
      }
    }
  }
}
