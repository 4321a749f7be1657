/**
 * What every provider client shares: a base URL, the HTTP options, a clock, and an observer that
 * hears about every call (source, endpoint, success, latency, attempts) so that metrics and logs
 * are emitted in one place, by the caller, and the clients stay free of Powertools.
 */
import type * as z from '../../schema/z';
import { httpGetText, parseJsonBody, SourceError, type HttpDeps, type HttpOptions } from './http';
import { responseCapBytes } from './responseCaps';

import type { SourceName } from '../../ingest/ports';

export type { SourceName };

export interface SourceCall {
  source: SourceName;
  endpoint: string;
  ok: boolean;
  latencyMs: number;
  attempts: number;
  error?: SourceError;
}

export interface SourceContext {
  http: HttpOptions;
  httpDeps?: HttpDeps;
  /** The clock used for staleness checks (data timestamps against now). */
  now: () => Date;
  /** Data older than this is refused as stale. */
  maxDataAgeMs: number;
  observe?: (call: SourceCall) => void;
}

export class SourceClient {
  constructor(
    readonly name: SourceName,
    private readonly baseUrl: string,
    protected readonly ctx: SourceContext,
  ) {}

  /** GET base+path, parse it with `parse`; the observer hears the outcome either way. */
  /** `period`: a series' period (mempool's 1w, 3d, all), when its cap depends on it (responseCaps.ts). */
  protected async call<T>(
    endpoint: string,
    path: string,
    parse: (body: string, url: string) => T,
    period?: string,
  ): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    const started = performance.now();
    let attempts = 0;
    try {
      // The endpoint's own cap (responseCaps.ts), under the configured ceiling.
      const maxResponseBytes = Math.min(this.ctx.http.maxResponseBytes, responseCapBytes(this.name, endpoint, period));
      const result = await httpGetText(
        this.name,
        url,
        { ...this.ctx.http, maxResponseBytes },
        this.ctx.httpDeps,
        endpoint,
      );
      attempts = result.attempts;
      const value = parse(result.body, url);
      this.ctx.observe?.({ source: this.name, endpoint, ok: true, latencyMs: performance.now() - started, attempts });
      return value;
    } catch (error) {
      const sourceError =
        error instanceof SourceError
          ? error
          : new SourceError(this.name, 'parse', `${url}: ${(error as Error).message}`);
      this.ctx.observe?.({
        source: this.name,
        endpoint,
        ok: false,
        latencyMs: performance.now() - started,
        // What httpGetText made (a 404 is one attempt); 1 when the request succeeded and parsing failed.
        attempts: attempts || (error instanceof SourceError && error.attempts !== undefined ? error.attempts : 1),
        error: sourceError,
      });
      throw sourceError;
    }
  }

  /**
   * GET + JSON + zod + `read` (unit conversion, staleness and range checks), all inside one call so
   * that a stale or out-of-range answer counts as a failure of the source, not a success.
   */
  protected getJson<R, T>(
    endpoint: string,
    path: string,
    schema: z.ZodMiniType<R>,
    read: (raw: R) => T,
    period?: string,
  ): Promise<T> {
    return this.call(endpoint, path, (body, url) => read(parseJsonBody(this.name, url, body, schema)), period);
  }

  /** Refuses a data timestamp older than the configured maximum age (or implausibly in the future). */
  protected assertFresh(what: string, dataTime: Date): void {
    const ageMs = this.ctx.now().getTime() - dataTime.getTime();
    if (ageMs > this.ctx.maxDataAgeMs) {
      throw new SourceError(
        this.name,
        'stale',
        `${what} is stale: ${dataTime.toISOString()} is ${Math.round(ageMs / 60_000)} min old`,
      );
    }
    // A timestamp far in the future means a unit mix-up (ms read as s) or a broken clock upstream.
    if (ageMs < -this.ctx.maxDataAgeMs) {
      throw new SourceError(this.name, 'range', `${what} lies in the future: ${dataTime.toISOString()}`);
    }
  }
}

/** Decimal strings as Coinbase and Kraken send prices ("64090.00"); rejects "", "NaN", "1e5", "-3". */
export const DECIMAL_STRING = /^\d+(\.\d+)?$/;
/** Integer strings as mempool sends satoshi sums (MySQL DECIMAL). */
export const INTEGER_STRING = /^\d+$/;

export const secondsToIso = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();
export const millisToIso = (unixMs: number): string => new Date(unixMs).toISOString();
/** The UTC date of a Unix time in seconds (mempool's timestamps). */
export const isoDateOfUnixSeconds = (unixSeconds: number): string => secondsToIso(unixSeconds).slice(0, 10);
