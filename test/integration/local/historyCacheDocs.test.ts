/**
 * The docs' figures do not depend on a developer's history cache: with HASHWATCH_HISTORY_CACHE
 * pointing at a cache that continues the bundled history (test/support/cacheAfterBundledEnd.ts),
 * as a shell does after `npm run history -- update`, `npm run docs` (local/backtest/docsBlocks.ts)
 * still generates the bundled figures and the docs' blocks still match, while the same backtest
 * and calculator commands run outside the docs do read the cache (so the check could fail).
 */
import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { blocksOf, docFiles, generatedBody, missingTimelineLines, ROOT } from '../../../local/backtest/docsBlocks';
import { createProductionEvaluator } from '../../../local/backtest/productionEvaluator';
import { localBacktestHistory, runBacktest } from '../../../local/backtest/runBacktest';
import { formatSummary } from '../../../local/backtest/summary';
import { HISTORY_CACHE_ENV } from '../../../local/history/historyCache';
import { localHistory } from '../../../local/history/localHistory';
import { useCacheAfterBundledEnd } from '../../support/cacheAfterBundledEnd';

const cache = useCacheAfterBundledEnd('history-cache-docs-');

const OFFLINE_CALC = `echo '{"machines":[{"model":"S19 XP","count":1}],"powerPriceUsdPerKwh":0.05}' | npm run --silent calc -- --offline`;

describe('the docs read the bundled history alone, whatever the cache holds', () => {
  it("a backtest block past the bundled end gives the bundled run's figures, not the cached run's", () => {
    vi.stubEnv(HISTORY_CACHE_ENV, cache.dir);
    // The shell's tools see the cache...
    expect(localHistory().daily.at(-1)!.date).toBe(cache.fixture.day.date);
    const cached = runBacktest({
      from: '2026-06-01',
      to: '2026-12-31',
      history: localBacktestHistory(cache.dir),
      createEvaluator: createProductionEvaluator,
    });
    expect(cached.to).toBe(cache.fixture.day.date);
    // ...the docs' generation does not.
    const body = generatedBody('backtest-summary', '2026-06-01', '2026-12-31');
    expect(body).toContain('Backtest 2026-06-01 .. 2026-07-10:');
    expect(body).not.toContain(formatSummary(cached.summary)[0]!);
  });

  it("every backtest block of the docs still matches (the drift check's verdict)", () => {
    vi.stubEnv(HISTORY_CACHE_ENV, cache.dir);
    const blocks = docFiles().flatMap((file) => blocksOf(file, readFileSync(file, 'utf8')));
    const backtestBlocks = blocks.filter((b) => b.from !== undefined);
    expect(backtestBlocks.length).toBeGreaterThan(0);
    for (const block of backtestBlocks) {
      if (block.mode === 'generated')
        expect(generatedBody(block.kind, block.from, block.to), block.file).toBe(block.body);
      else expect(missingTimelineLines(block), block.file).toEqual([]);
    }
  }, 120_000);

  it("a calculator example priced offline says the bundled day, where the same command in the shell says the cache's", () => {
    vi.stubEnv(HISTORY_CACHE_ENV, cache.dir);
    const docs = generatedBody('calc-example', undefined, undefined, `\`\`\`sh\n${OFFLINE_CALC}\n\`\`\`\n`);
    expect(docs).toContain(`the latest bundled day, ${cache.fixture.bundledEnd} (shared/data/history`);
    const shell = spawnSync('bash', ['-c', OFFLINE_CALC], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
    });
    expect(shell.status, shell.stderr).toBe(0);
    expect(shell.stdout).toContain(`the latest day of the history cache, ${cache.fixture.day.date}`);
  }, 120_000);
});
