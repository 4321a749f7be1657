/**
 * The closing line of a test run (test/support/summaryReporter.ts) on a real nested vitest run of
 * fixture suites: a suite whose beforeAll failed and a file that failed to import count as failed,
 * never as skipped; a failing afterAll counts; only a test the run left out counts as skipped.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countResults, summaryLine, type ReportedSuite, type ReportedTest } from '../../support/summaryReporter';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function runFixtures(files: string[]): { status: number | null; closing: string | undefined } {
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      'test/fixtures/reporter/vitest.config.ts',
      // A test the name filter leaves out is skipped by the runner itself (passesAndSkips has one).
      '--testNamePattern',
      '^(?!.*left out by the name filter)',
      ...files,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', CI: '1' }, timeout: 60_000 },
  );
  const closing = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('tests: '))
    .at(-1);
  return { status: r.status, closing };
}

describe('closing summary line', () => {
  it('counts a suite whose beforeAll failed, and a file that failed to import, as failed', { timeout: 60_000 }, () => {
    const r = runFixtures(['beforeAllFails', 'importFails', 'passesAndSkips']);
    expect(r.status).toBe(1);
    expect(r.closing).toBe('tests: 1 passed, 3 failed, 1 skipped');
  });

  it('counts an afterAll failure after passing tests', { timeout: 60_000 }, () => {
    const r = runFixtures(['afterAllFails']);
    expect(r.status).toBe(1);
    expect(r.closing).toBe('tests: 1 passed, 1 failed, 0 skipped');
  });

  it('says 0 failed on a clean run', { timeout: 60_000 }, () => {
    expect(runFixtures(['passesAndSkips']).closing).toBe('tests: 1 passed, 0 failed, 1 skipped');
  });

  it('counts nested suites (a describe inside a describe whose hook failed)', () => {
    const test = (state: string, mode = 'run'): ReportedTest => ({
      type: 'test',
      result: () => ({ state }),
      options: { mode },
    });
    const suite = (
      errors: unknown[],
      children: (ReportedTest | ReportedSuite)[],
      type: 'suite' | 'module' = 'suite',
    ): ReportedSuite => ({
      type,
      errors: () => errors,
      children: { array: () => children },
    });
    const tree = suite(
      [],
      [suite([new Error('beforeAll')], [suite([], [test('skipped'), test('skipped', 'skip')])]), test('passed')],
      'module',
    );
    expect(summaryLine(countResults([tree]))).toBe('tests: 1 passed, 1 failed, 1 skipped');
  });
});
