import { describe, expect, it } from 'vitest';
import { createProgressBar, renderProgress } from '../../../local/backtest/progressBar';

describe('progress bar', () => {
  it('renders the filled share, the percentage and the counts', () => {
    expect(renderProgress(0, 200, 'replay', 10)).toBe('replay [..........]   0% 0/200');
    expect(renderProgress(50, 200, 'replay', 10)).toBe('replay [###.......]  25% 50/200');
    expect(renderProgress(200, 200, 'replay', 10)).toBe('replay [##########] 100% 200/200');
  });

  it('redraws at most once per interval and always ends on 100% with a newline', () => {
    const chunks: string[] = [];
    let now = 0;
    const bar = createProgressBar({
      total: 1000,
      label: 'replay',
      force: true,
      intervalMs: 100,
      clock: () => now,
      stream: { write: (c) => (chunks.push(c), true) },
    });
    for (let i = 1; i <= 1000; i += 1) {
      now = i; // 1 ms per step: 1000 steps over 1 s -> about 10 redraws
      bar.update(i);
    }
    bar.finish();
    const draws = chunks.filter((c) => c.startsWith('\r'));
    expect(draws.length).toBeGreaterThanOrEqual(10);
    expect(draws.length).toBeLessThanOrEqual(12);
    expect(chunks.at(-2)).toContain('100% 1000/1000');
    expect(chunks.at(-1)).toBe('\n');
  });

  it('stays silent when the stream is not a terminal', () => {
    const chunks: string[] = [];
    const bar = createProgressBar({
      total: 10,
      label: 'x',
      stream: { write: (c) => (chunks.push(c), true), isTTY: false },
    });
    bar.update(5);
    bar.finish();
    expect(chunks).toEqual([]);
  });
});
