/**
 * `npm start` as a user runs it, in a real child process: offline it says so plainly and points to
 * the replay mode; in replay mode the whole pipeline runs (DynamoDB Local, the real ingest and
 * compute handlers, the stream in between) and prints a live status; Ctrl-C (SIGINT to the whole
 * process group, as a terminal sends it) stops everything and leaves no JVM behind.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { blocksOf, LOCAL_RUN_FLEETS, withoutRunSpecifics } from '../../../local/backtest/docsBlocks';
import { signalEventSchema } from '../../../shared/domain/signals';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * How docs/local-run.md's status block (written by `npm run docs` from such a run) differs from this
 * run's first cycle, line by line, but for the port, the pid and the clock: empty when it is the same.
 * Whole, not a subset: a block that only had to be contained missed the "Building up" section.
 */
function docsBlockDiffersFrom(output: string): string[] {
  const file = join(root, 'docs/local-run.md');
  const block = blocksOf(file, readFileSync(file, 'utf8')).find((b) => b.kind === 'local-run-status');
  if (!block) return ['docs/local-run.md has no local-run-status block'];
  const lines = output.split('\n');
  const first = lines.findIndex((l) => l.startsWith('DynamoDB Local listening on '));
  const last = lines.findIndex((l) => l.startsWith('  Events this cycle'));
  const printed = lines.slice(first, last + 1).map(withoutRunSpecifics);
  const shown = block.body
    .split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('```'))
    .map(withoutRunSpecifics);
  return [
    ...shown.filter((l) => !printed.includes(l)).map((l) => `docs only: ${l}`),
    ...printed.filter((l) => !shown.includes(l)).map((l) => `run only: ${l}`),
  ];
}
const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output(): string;
  waitFor(text: string | RegExp, timeoutMs: number): Promise<string>;
  /** npm's exit, once every process of the group has closed its output (so nothing is still shutting down). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function npmStart(args: string[], env: Record<string, string> = {}): Run {
  // detached: the child leads its own process group, so a signal to -pid reaches npm, tsx and node
  // alike, exactly like Ctrl-C in a terminal.
  const child = spawn('npm', ['start', '--silent', '--', ...args], {
    cwd: root,
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const npmExit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const closed = (stream: NodeJS.ReadableStream): Promise<void> =>
    new Promise((resolve) => stream.once('close', () => resolve()));
  const exited = Promise.all([npmExit, closed(child.stdout!), closed(child.stderr!)]).then(([exit]) => exit);
  return {
    child,
    output: () => out,
    exited,
    waitFor(text, timeoutMs) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = (): void => {
          const hit = typeof text === 'string' ? out.includes(text) : text.test(out);
          if (hit) return resolve(out);
          if (child.exitCode !== null || Date.now() - started > timeoutMs) {
            return reject(new Error(`did not see ${String(text)}; output so far:\n${out}`));
          }
          setTimeout(check, 100);
        };
        check();
      });
    },
  };
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 9));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it('offline: says so plainly, points to the replay mode and the backtest, and starts nothing', async () => {
    // "offline": the configured mempool answers nothing (a closed port on this machine).
    const port = await closedPort();
    const run = npmStart([], {
      HASHWATCH_INGEST_CONFIG: JSON.stringify({ sources: { mempoolBaseUrl: `http://127.0.0.1:${port}` } }),
    });
    const { code } = await run.exited;
    const out = run.output();
    expect(code).toBe(1);
    expect(out).toContain(`Hashwatch is offline: it could not reach http://127.0.0.1:${port}`);
    expect(out).toContain('npm start -- --replay');
    expect(out).toContain('npm run backtest');
    expect(out).not.toContain('DynamoDB Local listening');
    expect(out).not.toMatch(/at .+\.ts:\d+/); // no stack trace
  }, 60_000);

  it('without a Java runtime: names the fix and starts nothing', async () => {
    // node itself, with a PATH that holds no java and no JAVA_HOME (the machine's java lives in /usr/bin).
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--replay'], {
      cwd: root,
      env: {
        PATH: dirname(process.execPath),
        HOME: process.env.HOME ?? '/tmp',
        NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(out).toContain('DynamoDB Local needs a Java runtime');
    expect(out).toContain('apt-get install -y openjdk-17-jre-headless');
    expect(out).not.toContain('Replay mode');
  }, 60_000);

  it('--help lists the options, the environment and examples; bad input is one line, no stack trace', async () => {
    const help = npmStart(['--help']);
    expect(await help.exited).toEqual({ code: 0, signal: null });
    for (const part of [
      'Options:',
      '--replay',
      '--cycles N',
      'Environment:',
      'HASHWATCH_COMPUTE_CONFIG',
      'Examples:',
    ]) {
      expect(help.output()).toContain(part);
    }
    const config = npmStart(['--replay'], { HASHWATCH_COMPUTE_CONFIG: '{"fleet":[]}' });
    expect((await config.exited).code).toBe(2);
    expect(config.output().trim()).toBe('start: invalid compute config: fleet: unknown field; did you mean "fleets"?');
    const option = npmStart(['--cycle', '3']);
    expect((await option.exited).code).toBe(2);
    expect(option.output().trim()).toMatch(/^start: Unknown option '--cycle'[^\n]*; see npm start -- --help$/);
  }, 60_000);

  it('replay: runs the whole pipeline, prints the status, and Ctrl-C leaves no process behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hashwatch-start-'));
    dirs.push(dir);
    const eventsPath = join(dir, 'events.jsonl');
    // A webhook receiver on this machine, standing in for the user's HTTPS endpoint.
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const hook = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => hook.close(() => r())));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hashwatch`;
    const fleets = LOCAL_RUN_FLEETS;
    const run = npmStart(['--replay', '--interval', '0.05', '--events', eventsPath, '--webhook', hookUrl], {
      HASHWATCH_COMPUTE_CONFIG: JSON.stringify({ fleets }),
    });
    try {
      const started = await run.waitFor(/DynamoDB Local listening on http:\/\/127\.0\.0\.1:\d+ \(pid (\d+)\)/, 60_000);
      const jvmPid = Number(/\(pid (\d+)\)/.exec(started)![1]);
      expect(processAlive(jvmPid)).toBe(true);

      // Two full cycles: backfill + snapshot -> stream -> compute -> status.
      await run.waitFor(/cycle 2 /, 120_000);
      const out = run.output();
      expect(out).toContain('Backfill: complete');
      // The recorded 2026-02-01T00:10Z snapshot: BTC $78,702 (mempool /api/v1/prices), difficulty 141.67 T.
      expect(out).toMatch(/Hashprice +\$\d+\.\d\d \/PH\/day/);
      expect(out).toContain('BTC $78,702');
      expect(out).toContain('difficulty 141.67 T');
      expect(out).toMatch(/Antminer S19 XP +21\.5 J\/TH +\d+\.\d c\/kWh/);
      expect(out).toMatch(
        /Global fleet cash-flow negative +\d+\.\d% of network hashrate \(all miners, modelled; not your fleets\), band \d+\.\d-\d+\.\d% across the low and high power-price cases/,
      );
      expect(out).toMatch(/\(\d+ sats\/PH\/day, [\d.]+ sats\/TH\/day\)/);
      // The owner's fleet, with its units; and how to point the calculator at this table.
      expect(out).toMatch(
        / {4}Texas S19 XP +14\.0 PH\/s +profit +-?\$[\d,.]+\/day \(margin -?\d+\.\d%\) +power 6\.2 c\/kWh, break-even \d+\.\d c\/kWh/,
      );
      expect(out).toMatch(
        /Price on it from another terminal: TABLE_NAME=hashwatch-local AWS_ENDPOINT_URL_DYNAMODB=http:\/\/127\.0\.0\.1:\d+ npm run --silent calc -- examples\/calc-s19xp\.json/,
      );
      expect(out).toMatch(/Active signals/);
      // docs/local-run.md shows this run's first cycle (same fleet, same recording), but for the port,
      // the pid and the clock (it once said 10.2 % of the fleet under water where the run printed
      // 6.3 %, and lacked the cash-cost line).
      expect(docsBlockDiffersFrom(out)).toEqual([]);

      process.kill(-run.child.pid!, 'SIGINT');
      const exit = await run.exited;
      // npm itself ends by the signal (as after any Ctrl-C); Hashwatch shuts down in order and says so.
      expect(exit.code === 0 || exit.signal === 'SIGINT').toBe(true);
      expect(run.output()).toContain('Ctrl-C: shutting down');
      expect(run.output()).toContain('DynamoDB Local stopped');
      expect(run.output()).toContain('Stopped.');
      expect(processAlive(jvmPid)).toBe(false);
      // ... and nothing else of the group either (npm, sh, node, java)
      expect(processAlive(-run.child.pid!)).toBe(false);

      // Every event printed went to the JSON-lines file as the document HTTPS subscribers receive.
      const printed = (run.output().match(/^\d{4}-\d\d-\d\d \d\d:\d\dZ .* (raised|escalated|cleared) /gm) ?? []).length;
      const lines = (await readFile(eventsPath, 'utf8').catch(() => '')).split('\n').filter((l) => l.length > 0);
      expect(lines.length).toBe(printed);
      for (const line of lines) signalEventSchema.parse(JSON.parse(line));
      // ... and to the webhook as SNS HTTP notifications carrying the same documents.
      expect(lines.length).toBeGreaterThan(0);
      expect(received.map((r) => JSON.parse((JSON.parse(r.body) as { Message: string }).Message) as unknown)).toEqual(
        lines.map((l) => JSON.parse(l) as unknown),
      );
      for (const r of received) {
        const envelope = JSON.parse(r.body) as {
          Type: string;
          TopicArn: string;
          MessageAttributes: Record<string, { Type: string; Value: string }>;
        };
        expect(envelope.Type).toBe('Notification');
        expect(r.headers['x-amz-sns-message-type']).toBe('Notification');
        expect(Object.keys(envelope.MessageAttributes).sort()).toEqual(['severity', 'signal', 'transition']);
      }
    } finally {
      // Only if the test failed midway: do not leave the group running.
      try {
        process.kill(-run.child.pid!, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    }
  }, 240_000);
});
