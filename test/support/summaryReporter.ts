/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, after vitest's own output,
 * so that tools which only understand that line (CI among them) read the run correctly.
 *
 * A suite that failed to run is failed, never skipped: a file that could not be imported counts as
 * one failed test; a test that was due to run but never did because its suite's `beforeAll` threw
 * (vitest reports it "skipped") counts as failed; a suite or file whose hook failed after its tests
 * passed (`afterAll`) adds one failure. Only tests skipped on purpose (`.skip`, `.todo`) are skipped.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** The parts of vitest's reported tree the count reads (TestModule, TestSuite, TestCase). */
export interface ReportedTest {
  type: 'test';
  result(): { state: string };
  options: { mode: string };
}
export interface ReportedSuite {
  type: 'suite' | 'module';
  errors(): readonly unknown[];
  children: { array(): readonly (ReportedTest | ReportedSuite)[] };
}

export interface RunCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export function countResults(modules: readonly ReportedSuite[]): RunCounts {
  const counts: RunCounts = { passed: 0, failed: 0, skipped: 0 };
  const walk = (node: ReportedSuite, ancestorFailed: boolean): void => {
    const failedHere = node.errors().length > 0;
    const failedBefore = counts.failed;
    const children = node.children.array();
    for (const child of children) {
      if (child.type !== 'test') {
        walk(child, ancestorFailed || failedHere);
        continue;
      }
      const state = child.result().state;
      if (state === 'passed') counts.passed += 1;
      else if (state === 'failed') counts.failed += 1;
      else if (child.options.mode === 'run' && (ancestorFailed || failedHere)) counts.failed += 1;
      else counts.skipped += 1;
    }
    // A file that never loaded, or a hook that failed without failing any test below it.
    if (failedHere && counts.failed === failedBefore) counts.failed += 1;
  };
  for (const module of modules) walk(module, false);
  return counts;
}

export function summaryLine(counts: RunCounts): string {
  return `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    console.log(summaryLine(countResults(testModules as unknown as readonly ReportedSuite[])));
  }
}
