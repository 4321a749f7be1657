/**
 * The one HTTP helper every source uses: a timeout per attempt, bounded retries with full-jitter
 * exponential backoff, 429 Retry-After honoured (up to a cap), and a typed error naming the source,
 * the URL and what went wrong. Response bodies are returned as text; parsing (JSON + zod) happens
 * in `parseJsonBody` so that a truncated body or an HTML error page becomes a clear SourceError.
 */
import type * as z from '../../schema/z';

export type SourceErrorKind = 'http' | 'timeout' | 'network' | 'parse' | 'schema' | 'stale' | 'range' | 'oversize';

export class SourceError extends Error {
  /** Requests made before giving up (set by httpGetText). */
  attempts?: number;

  constructor(
    readonly source: string,
    readonly kind: SourceErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(`${source}: ${message}`);
    this.name = 'SourceError';
  }
}

export interface HttpOptions {
  timeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxRetryAfterMs: number;
  /** All attempts and waits of one request together (see ingestConfig). */
  requestBudgetMs: number;
  maxResponseBytes: number;
  userAgent: string;
}

export interface HttpDeps {
  /** Injected so tests can run the retry logic without waiting; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for deterministic jitter; defaults to Math.random. */
  random?: () => number;
  /** Milliseconds for the request budget (with an injected sleep, advance it there); defaults to performance.now. */
  clock?: () => number;
}

export interface HttpResult {
  body: string;
  status: number;
  attempts: number;
  /** The answer's Content-Type header ('' when it has none). */
  contentType: string;
  /** The raw body, only when the request asked for bytes (`binary`); `body` is then ''. */
  bytes?: Buffer;
}

/**
 * What a request sends beyond a plain GET: a method, headers (an API key, a bearer token) and a
 * body, and the URL to name in errors when the real one carries a secret in its query.
 */
export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Readonly<Record<string, string>>;
  body?: string;
  /** Named in every error instead of the URL (a URL with a token in its query must not be logged). */
  urlForMessages?: string;
  /** The body is binary (a ZIP): return its bytes, not text. */
  binary?: boolean;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Statuses worth another attempt: throttling and server-side trouble; other 4xx will not improve. */
function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const dateMs = Date.parse(trimmed);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, dateMs - nowMs);
}

/** Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniform in [0, min(cap, base*2^n)]. */
export function backoffDelayMs(attempt: number, options: HttpOptions, random: () => number): number {
  const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Statuses whose Retry-After is honoured (RFC 9110 §10.2.3 names 503 and 3xx; RFC 6585 429). */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

const withAttempts = (error: SourceError, attempts: number): SourceError => {
  error.attempts = attempts;
  return error;
};

/** `endpoint` names what was asked in the errors (e.g. "hashrate"), beside the source and the URL. */
export async function httpGetText(
  source: string,
  url: string,
  options: HttpOptions,
  deps: HttpDeps = {},
  endpoint?: string,
  request: HttpRequest = {},
): Promise<HttpResult> {
  const shownUrl = request.urlForMessages ?? url;
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const clock = deps.clock ?? (() => performance.now());
  const startedMs = clock();
  let lastError: SourceError | undefined;
  let made = 0;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    made = attempt;
    let waitMs: number | undefined;
    let response: Response;
    let raw: Buffer;
    try {
      response = await fetch(url, {
        method: request.method ?? 'GET',
        headers: {
          accept: 'application/json, text/plain;q=0.9',
          'user-agent': options.userAgent,
          ...request.headers,
        },
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      // Read the body under the same timeout: a server that stalls mid-body is a timeout too.
      raw = await readCapped(source, endpoint, shownUrl, response, options.maxResponseBytes);
    } catch (error) {
      // The same request would be as large again: an oversize body is not retried.
      if (error instanceof SourceError) throw withAttempts(error, attempt);
      lastError = classifyFetchError(source, shownUrl, error, options.timeoutMs);
      waitMs = backoffDelayMs(attempt, options, random);
      if (attempt < options.maxAttempts && !(await waitWithinBudget(waitMs))) break;
      continue;
    }
    if (response.ok) {
      const contentType = response.headers.get('content-type') ?? '';
      return request.binary
        ? { body: '', bytes: raw, status: response.status, attempts: attempt, contentType }
        : { body: raw.toString('utf8'), status: response.status, attempts: attempt, contentType };
    }
    lastError = new SourceError(source, 'http', `HTTP ${response.status} from ${shownUrl}`, response.status);
    if (!isRetryableStatus(response.status)) throw withAttempts(lastError, attempt);
    if (RETRY_AFTER_STATUSES.has(response.status)) {
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), Date.now());
      if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryAfterMs) {
        // Waiting longer than the cap would outlast the invocation: give up on this source now.
        throw withAttempts(
          new SourceError(
            source,
            'http',
            `HTTP ${response.status} from ${shownUrl}, Retry-After ${retryAfterMs} ms exceeds the cap`,
            response.status,
          ),
          attempt,
        );
      }
      waitMs = retryAfterMs;
    }
    if (attempt < options.maxAttempts && !(await waitWithinBudget(waitMs ?? backoffDelayMs(attempt, options, random))))
      break;
  }
  throw withAttempts(lastError ?? new SourceError(source, 'network', `no attempt made for ${shownUrl}`), made);

  /**
   * Sleeps before the next attempt when that attempt (the wait plus a whole timeout) still ends
   * inside the request budget; otherwise gives up now, naming the budget.
   */
  async function waitWithinBudget(ms: number): Promise<boolean> {
    const elapsed = clock() - startedMs;
    if (elapsed + ms + options.timeoutMs > options.requestBudgetMs) {
      if (lastError)
        lastError = new SourceError(
          source,
          lastError.kind,
          `${lastError.message.replace(`${source}: `, '')}; no retry: the next attempt would end beyond the ${options.requestBudgetMs} ms request budget`,
          lastError.status,
        );
      return false;
    }
    await sleep(ms);
    return true;
  }
}
/** The body's bytes, refusing one beyond `maxBytes` (declared or streamed) without reading it whole. */
async function readCapped(
  source: string,
  endpoint: string | undefined,
  url: string,
  response: Response,
  maxBytes: number,
): Promise<Buffer> {
  const what = endpoint ? `${endpoint} response` : 'response';
  // A failure to cancel the body we abandon is kept as the cause of the oversize error, the outcome.
  const tooLarge = (cancelFailure: unknown): SourceError => {
    const error = new SourceError(
      source,
      'oversize',
      `${what} from ${url} is more than ${maxBytes} bytes`,
      response.status,
    );
    if (cancelFailure !== undefined) error.cause = cancelFailure;
    return error;
  };
  const failureOf = (cancelling: Promise<void> | undefined): Promise<unknown> =>
    cancelling
      ? cancelling.then(
          () => undefined,
          (failure: unknown) => failure,
        )
      : Promise.resolve(undefined);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw tooLarge(await failureOf(response.body?.cancel()));
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      throw tooLarge(await failureOf(reader.cancel()));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function classifyFetchError(source: string, url: string, error: unknown, timeoutMs: number): SourceError {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new SourceError(source, 'timeout', `no complete answer from ${url} within ${timeoutMs} ms`);
  }
  const detail = err.cause?.code ?? err.cause?.message ?? err.message ?? String(error);
  return new SourceError(source, 'network', `request to ${url} failed: ${detail}`);
}

/** JSON.parse + zod, each failure a SourceError saying which (an HTML error page is a parse error). */
export function parseJsonBody<T>(source: string, url: string, body: string, schema: z.ZodMiniType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const preview = body.slice(0, 60).replace(/\s+/g, ' ');
    throw new SourceError(source, 'parse', `response from ${url} is not JSON (starts with "${preview}")`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new SourceError(source, 'schema', `unexpected response shape from ${url}: ${issues}`);
  }
  return result.data;
}
