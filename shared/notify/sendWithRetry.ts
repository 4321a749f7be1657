/**
 * Posting one alert to one channel with retries, inside the time the invocation has left.
 * Retried: 429 (after exactly the wait the API asked for: Telegram's parameters.retry_after,
 * Discord's retry_after, a Retry-After header), 408, 5xx and connections that never opened (after
 * an exponential back-off with jitter). Not retried: a rejection (4xx: bad token, unknown chat,
 * refused payload), and a request that may have arrived (a timeout or a connection dropped
 * mid-way): posting it again could show the alert twice, so its outcome is reported as unknown.
 * A wait that would outlast the deadline ends the attempts; the caller leaves the event to
 * Lambda's own retries, a minute or two later.
 */
import type { AttemptVerdict, HttpAnswer, HttpRequest } from './httpAttempt';
import { TransportError, type HttpTransport } from './httpTransport';

export const RETRY_POLICY = {
  maxAttempts: 5,
  /** Back-off before attempt n+1: between half and all of min(maxDelayMs, baseDelayMs * 2^(n-1)). */
  baseDelayMs: 1_000,
  maxDelayMs: 16_000,
  requestTimeoutMs: 10_000,
  /** No attempt starts with less than this left before the deadline. */
  minAttemptMs: 2_000,
} as const;
export type RetryPolicy = { [K in keyof typeof RETRY_POLICY]: number };

export interface RetryDependencies {
  transport: HttpTransport;
  now(): Date;
  sleep(ms: number): Promise<void>;
  /** In [0, 1): the back-off jitter. */
  random(): number;
}

export type SendOutcome =
  | { outcome: 'delivered'; attempts: number; receipt?: string }
  /** Certainly not delivered: safe to try again later. */
  | { outcome: 'failed'; attempts: number; reason: string; rejected: boolean }
  /** Possibly delivered: not tried again. */
  | { outcome: 'unknown'; attempts: number; reason: string };

export interface RetryNotice {
  attempt: number;
  reason: string;
  waitMs: number;
  /** True when the wait is the API's own (429 retry_after / Retry-After). */
  askedByApi: boolean;
}

export function backoffMs(attempt: number, random: number, policy: RetryPolicy = RETRY_POLICY): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export async function sendWithRetry(
  attempt: (now: Date) => HttpRequest,
  verdictOf: (answer: HttpAnswer, now: Date) => AttemptVerdict,
  deadline: Date,
  deps: RetryDependencies,
  options: { policy?: RetryPolicy; onRetry?: (notice: RetryNotice) => void } = {},
): Promise<SendOutcome> {
  const policy = options.policy ?? RETRY_POLICY;
  let lastReason = 'no attempt made: no time left in this invocation';
  for (let n = 1; n <= policy.maxAttempts; n += 1) {
    const left = deadline.getTime() - deps.now().getTime();
    if (left < policy.minAttemptMs) return { outcome: 'failed', attempts: n - 1, reason: lastReason, rejected: false };
    let verdict: AttemptVerdict;
    try {
      const answer = await deps.transport.send(attempt(deps.now()), Math.min(policy.requestTimeoutMs, left));
      verdict = verdictOf(answer, deps.now());
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      if (error.mayHaveArrived) return { outcome: 'unknown', attempts: n, reason: error.message };
      verdict = { kind: 'retry', reason: error.message };
    }
    if (verdict.kind === 'delivered') {
      return verdict.receipt === undefined
        ? { outcome: 'delivered', attempts: n }
        : { outcome: 'delivered', attempts: n, receipt: verdict.receipt };
    }
    if (verdict.kind === 'rejected') return { outcome: 'failed', attempts: n, reason: verdict.reason, rejected: true };
    lastReason = verdict.reason;
    if (n === policy.maxAttempts) break;
    const askedByApi = verdict.retryAfterMs !== undefined;
    const waitMs = verdict.retryAfterMs ?? backoffMs(n, deps.random(), policy);
    if (deps.now().getTime() + waitMs + policy.minAttemptMs > deadline.getTime()) {
      const reason = `${verdict.reason}; ${askedByApi ? 'asked to wait' : 'the back-off is'} ${waitMs} ms, more than this invocation has left`;
      return { outcome: 'failed', attempts: n, reason, rejected: false };
    }
    options.onRetry?.({ attempt: n, reason: verdict.reason, waitMs, askedByApi });
    await deps.sleep(waitMs);
  }
  return {
    outcome: 'failed',
    attempts: policy.maxAttempts,
    reason: `${lastReason} (after ${policy.maxAttempts} attempts)`,
    rejected: false,
  };
}
