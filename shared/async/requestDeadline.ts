/**
 * A request's deadline, below its function's timeout: the work of one request runs inside
 * `withinDeadline`, which answers by the deadline whatever the work does, and every AWS SDK send
 * made during it takes the deadline's signal as its abortSignal (`deadlineSignal`, read by the
 * DynamoDB adapters), so a stalled call is cut off rather than retried past the function's end.
 * Kept per asynchronous context (AsyncLocalStorage), so concurrent requests of one process (the
 * local API server) each keep their own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Time kept back from the function's remaining time for what follows the work: the error log
 * line, the metrics flush and the answer itself.
 */
export const REQUEST_DEADLINE_MARGIN_MS = 1_000;

const current = new AsyncLocalStorage<AbortSignal>();

export class DeadlineExceededError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`no answer within the request's ${deadlineMs} ms deadline`);
    this.name = 'DeadlineExceededError';
  }
}

/** The deadline of a request that arrives with `remainingMs` of its function's time left. */
export const requestDeadlineMs = (remainingMs: number): number => Math.max(0, remainingMs - REQUEST_DEADLINE_MARGIN_MS);

/** The running request's abort signal (undefined outside a request with a deadline). */
export const deadlineSignal = (): AbortSignal | undefined => current.getStore();

/** `{ abortSignal }` for an SDK send inside a request with a deadline, `{}` outside one. */
export function sendOptions(): { abortSignal?: AbortSignal } {
  const signal = current.getStore();
  return signal ? { abortSignal: signal } : {};
}

/**
 * Runs `work` with a deadline of `deadlineMs`: its SDK sends are aborted at the deadline, and the
 * result is a DeadlineExceededError then, even if the work has not settled yet.
 */
export async function withinDeadline<T>(deadlineMs: number, work: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineExceededError(deadlineMs);
      controller.abort(error);
      reject(error);
    }, deadlineMs);
  });
  try {
    return await Promise.race([current.run(controller.signal, work), expired]);
  } catch (error) {
    // A send aborted by the deadline rejects with the SDK's own AbortError: it is the deadline.
    if (controller.signal.aborted) throw controller.signal.reason as DeadlineExceededError;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
