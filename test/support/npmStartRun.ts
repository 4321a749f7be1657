/**
 * `npm start` in a real child process, as a user runs it: the child leads its own process group
 * (detached), so a signal to -pid reaches npm, tsx and node alike, as Ctrl-C in a terminal does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { REPO_ROOT } from './importGraph';

export interface NpmStartRun {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** The child's exit. */
  exited: Promise<void>;
  /** SIGINT to the whole group (Ctrl-C), then its exit. */
  interrupt(): Promise<void>;
  /** SIGKILL to the group if it is still there (a test's finally). */
  kill(): void;
}

export function npmStartRun(args: readonly string[], env: NodeJS.ProcessEnv = process.env): NpmStartRun {
  return processGroupRun('npm', ['start', '--silent', '--', ...args], env);
}

/** Any command run from the repository as the leader of its own process group, like npmStartRun. */
export function processGroupRun(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): NpmStartRun {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...env, FORCE_COLOR: '0' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  // 'close', not 'exit': the whole group's output is read (npm can exit before node has written its
  // last lines to the pipes they share).
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    child,
    output: () => out,
    exited,
    interrupt: async () => {
      process.kill(-child.pid!, 'SIGINT');
      await exited;
    },
    kill: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    },
  };
}

/** A TCP port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resolves once `text` shows in the output; rejects, with the output, if the child exits first or time runs out. */
export function waitFor(output: () => string, exited: () => boolean, text: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      if (text.test(output())) return resolve();
      if (exited() || Date.now() - started > timeoutMs)
        return reject(new Error(`did not see ${String(text)}; output so far:\n${output()}`));
      setTimeout(check, 100);
    };
    check();
  });
}
