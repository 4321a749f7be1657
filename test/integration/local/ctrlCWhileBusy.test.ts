/**
 * Ctrl-C during a busy cycle still shuts `npm start` down in order. The tsx command relays a signal
 * to its child and SIGKILLs the child when it has not answered within about 60 ms; a cycle that
 * keeps the event loop busy longer was killed outright, "Stopped." never printed (a flaky
 * `--api-sigv4` test showed it under load). The start script's own runner (package.json) runs a
 * script that is busy 300 ms at a time, and the whole process group gets the SIGINT, as from a
 * terminal.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/importGraph';
import { waitFor } from '../../support/npmStartRun';

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
    const child = spawn('sh', ['-c', command], {
      cwd: REPO_ROOT,
      env: { ...process.env, PATH: `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    try {
      await waitFor(
        () => out,
        () => child.exitCode !== null,
        /ready/,
        30_000,
      );
      // Let a busy stretch begin, then interrupt the group, as a terminal's Ctrl-C does.
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(-child.pid!, 'SIGINT');
      await closed;
      expect(out).toContain('Ctrl-C: shutting down');
      expect(out).toContain('Stopped.');
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    }
  }, 60_000);
});
