/**
 * One HTTP attempt at posting an alert, as the channel formatters describe it: the request to
 * send, and the verdict on the answer (delivered; retry, possibly after the API's own wait; or
 * rejected for good). The retry loop (deliverWithRetry.ts) does the sending and the waiting.
 */

export interface HttpRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export interface HttpAnswer {
  status: number;
  /** Header lookup, case-insensitive (a fetch Headers object fits). */
  headers: { get(name: string): string | null };
  body: string;
}

export type AttemptVerdict =
  | { kind: 'delivered'; receipt?: string }
  /** Not delivered, worth another attempt; `retryAfterMs` when the API said how long to wait. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** Not delivered and never will be as configured (bad token, unknown chat, payload refused). */
  | { kind: 'rejected'; reason: string };

/** What the API said, shortened for a log line or a delivery record (never a URL or a token). */
export function answerSummary(answer: HttpAnswer, detail?: string): string {
  const text = (detail ?? answer.body).replace(/\s+/g, ' ').trim().slice(0, 200);
  return `HTTP ${answer.status}${text ? `: ${text}` : ''}`;
}

/**
 * A Retry-After header (RFC 9110: delay-seconds or an HTTP-date) in milliseconds from `now`;
 * undefined when absent or unreadable. Decimal seconds are accepted (some APIs send them).
 */
export function retryAfterHeaderMs(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : undefined;
}

/** Seconds from a JSON body (Telegram's parameters.retry_after, Discord's retry_after) in ms. */
export function secondsToMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.ceil(value * 1000) : undefined;
}

/**
 * The verdict every channel shares for answers it has no special reading of: 2xx delivered,
 * 429 and 408 and 5xx worth a retry (honouring Retry-After), anything else (3xx: redirects are
 * not followed; 4xx) rejected.
 */
export function defaultVerdict(answer: HttpAnswer, now: Date, detail?: string): AttemptVerdict {
  const { status } = answer;
  if (status >= 200 && status <= 299) return { kind: 'delivered' };
  const reason = answerSummary(answer, detail);
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = retryAfterHeaderMs(answer.headers.get('retry-after'), now);
    return retryAfterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs };
  }
  return { kind: 'rejected', reason };
}

export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
    // swallowed: a chat API body that is not JSON has no JSON fields; the status code still decides
  } catch {
    return undefined;
  }
}
