/**
 * The local stand-in for EventBridge Scheduler: run a cycle now, then every `intervalMs`, never two
 * at once (a slow cycle delays the next rather than overlapping it), until the signal aborts.
 */

export interface ScheduleOptions {
  intervalMs: number;
  signal: AbortSignal;
  /** Stop after this many cycles (tests, `--cycles`). */
  maxCycles?: number;
  cycle: (index: number) => Promise<void>;
  onError?: (error: unknown, index: number) => void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves once the schedule has stopped (aborted, or maxCycles reached); never rejects. */
export async function runSchedule(options: ScheduleOptions): Promise<number> {
  let index = 0;
  while (!options.signal.aborted && (options.maxCycles === undefined || index < options.maxCycles)) {
    index += 1;
    const startedAt = Date.now();
    try {
      await options.cycle(index);
    } catch (error) {
      options.onError?.(error, index);
    }
    if (options.maxCycles !== undefined && index >= options.maxCycles) break;
    await sleep(Math.max(0, options.intervalMs - (Date.now() - startedAt)), options.signal);
  }
  return index;
}
