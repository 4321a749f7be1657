/**
 * One request to a power price source, through the project's one HTTP helper (timeouts, bounded
 * retries, Retry-After honoured on 429 and 503, a capped body), with its failures turned into the
 * power readers' error: a 429 that outlasts the retries is `throttled` (ERCOT allows 30 requests a
 * minute, ENTSO-E 400), a 401/403 is `unauthorized` (a wrong or expired key or token), anything else
 * `http`; an HTML page where data was expected is `not-data`. Every error names the site and the
 * source, and never the URL's secrets (the caller passes the URL to name).
 */
import { PowerPriceError } from '../../domain/power/powerPriceError';
import { httpGetText, SourceError, type HttpDeps, type HttpOptions, type HttpRequest } from '../sources/http';
import { assertPowerData } from './powerResponse';

export interface PowerHttp {
  options: HttpOptions;
  deps?: HttpDeps;
}

/** The answer's body once it is a 2xx that is not an HTML page. */
export async function requestPowerData(
  site: string,
  source: string,
  url: string,
  http: PowerHttp,
  request: HttpRequest = {},
): Promise<string> {
  const result = await request2xx(site, source, url, http, request);
  assertPowerData(site, source, { status: result.status, contentType: result.contentType, body: result.body });
  return result.body;
}

/** A binary answer's bytes (a ZIP), once it is a 2xx; an HTML page in its place is `not-data`. */
export async function requestPowerBytes(site: string, source: string, url: string, http: PowerHttp): Promise<Buffer> {
  const result = await request2xx(site, source, url, http, { binary: true });
  const bytes = result.bytes ?? Buffer.alloc(0);
  // ERCOT answers a missing document with a small HTML or XML page and status 200.
  assertPowerData(site, source, {
    status: result.status,
    contentType: result.contentType,
    body: bytes.subarray(0, 512).toString('latin1'),
  });
  return bytes;
}

async function request2xx(
  site: string,
  source: string,
  url: string,
  http: PowerHttp,
  request: HttpRequest,
): Promise<Awaited<ReturnType<typeof httpGetText>>> {
  try {
    return await httpGetText(source, url, http.options, http.deps, source, request);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    if (error.status !== undefined)
      // The status decides the kind (throttled, unauthorized, http) and the message, as for a direct answer.
      assertPowerData(site, source, { status: error.status, body: '' });
    throw new PowerPriceError(site, source, 'http', error.message.replace(`${source}: `, ''));
  }
}
