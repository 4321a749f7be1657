/**
 * A one-line progress bar on stderr for long replays (stdout stays clean for --json). Redrawn at
 * most every `intervalMs` and only on a terminal unless forced, so logs and pipes stay readable.
 */

export function renderProgress(done: number, total: number, label: string, width = 30): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(fraction * width);
  const pct = (fraction * 100).toFixed(0).padStart(3);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total}`;
}

export interface ProgressBar {
  update(done: number): void;
  finish(): void;
}

export interface ProgressOptions {
  total: number;
  label: string;
  stream?: { write(chunk: string): boolean; isTTY?: boolean };
  /** Draw even when the stream is not a terminal (tests, CI logs). */
  force?: boolean;
  intervalMs?: number;
  clock?: () => number;
}

export function createProgressBar(options: ProgressOptions): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const enabled = options.force === true || stream.isTTY === true;
  const interval = options.intervalMs ?? 100;
  const clock = options.clock ?? (() => performance.now());
  let lastDraw = -Infinity;
  let lastDone = 0;
  const draw = (done: number): void => {
    stream.write(`\r${renderProgress(done, options.total, options.label)}`);
    lastDraw = clock();
  };
  return {
    update(done) {
      lastDone = done;
      if (!enabled) return;
      if (clock() - lastDraw >= interval) draw(done);
    },
    finish() {
      if (!enabled) return;
      draw(Math.max(lastDone, options.total));
      stream.write('\n');
    },
  };
}
