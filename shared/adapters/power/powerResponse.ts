/**
 * What every power price response is checked for before its body is parsed: the HTTP status (a
 * 429 is ERCOT's throttle at 30 requests a minute, a 401/403 a missing or expired key or token) and
 * a body that is an HTML page where data was expected (a login page, a maintenance page, a proxy's
 * error). Each becomes a PowerPriceError naming the site and the source.
 */
import { PowerPriceError } from '../../domain/power/powerPriceError';

export interface PowerResponse {
  status: number;
  contentType?: string | undefined;
  body: string;
}

/** Throws unless the response is a 2xx with a body that is not HTML. */
export function assertPowerData(site: string, source: string, response: PowerResponse): void {
  const { status, body } = response;
  if (status === 429)
    throw new PowerPriceError(site, source, 'throttled', 'HTTP 429: throttled by the source; retry after its window');
  if (status === 401 || status === 403)
    throw new PowerPriceError(
      site,
      source,
      'unauthorized',
      `HTTP ${status}: the key or token was refused (missing, wrong or expired)`,
    );
  if (status < 200 || status >= 300) throw new PowerPriceError(site, source, 'http', `HTTP ${status}`);
  refuseHtml(site, source, body, (response.contentType ?? '').includes('text/html'));
}

/** Throws when a body that should be data is an HTML page, by its declared type or its first tag. */
export function refuseHtml(site: string, source: string, body: string, declaredHtml = false): void {
  if (declaredHtml || /^\s*(<!doctype html|<html)/i.test(body))
    throw new PowerPriceError(
      site,
      source,
      'not-data',
      `the answer is an HTML page, not data (starts with "${body.trim().slice(0, 40).replace(/\s+/g, ' ')}")`,
    );
}
