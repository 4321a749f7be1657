/**
 * Ctrl-C during a busy cycle still shuts `npm start` down in order. The tsx command relays a signal
 * to its child and SIGKILLs the child when it has not answered within about 60 ms; a cycle that
 * keeps the event loop busy longer was killed outright, "Stopped." never printed (a flaky
 * `--api-sigv4` test showed it under load). The start script's own runner (package.json) runs a
 * script that is busy 300 ms at a time, and the whole process group gets the SIGINT, as from a
 * terminal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/importGraph';
import { processGroupRun, waitFor } from '../../support/npmStartRun';

const START_ENTRY = 'local/start.ts';
const FIXTURE = 'test/fixtures/local/busyUntilInterrupted.ts';

describe('npm start: Ctrl-C while a cycle is busy', () => {
  it('runs the shutdown: the start script does not wrap the process in a signal relay that kills it', async () => {
    const scripts = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const start = scripts.start ?? '';
    expect(start).toContain(START_ENTRY);
    const command = start.replace(START_ENTRY, FIXTURE);
    const run = processGroupRun('sh', ['-c', command], {
      ...process.env,
      PATH: `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
    });
    try {
      await waitFor(run.output, () => run.child.exitCode !== null, /ready/, 30_000);
      // Let a busy stretch begin, then interrupt the group, as a terminal's Ctrl-C does.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await run.interrupt();
      expect(run.output()).toContain('Ctrl-C: shutting down');
      expect(run.output()).toContain('Stopped.');
    } finally {
      run.kill();
    }
  }, 60_000);
});
