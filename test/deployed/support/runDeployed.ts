/**
 * Runs one deployed function's asset the way Lambda does: its asset folder alone, copied to a
 * fresh directory outside the repository (no node_modules above it, so nothing resolves but what
 * the bundle holds), in a separate Node process of the runtime's major version, with the
 * template's environment plus the variables the Lambda runtime sets, and credentials of its own
 * (the access key id names the function, so the recorder can tell callers apart).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import type { DeployedFunction } from './cloudAssembly';
import { STAND_IN_ACCOUNT, STAND_IN_REGION } from '../../support/iam/standIns';

const RUNTIME_SCRIPT = join(import.meta.dirname, 'lambdaRuntime.mjs');

export interface InvocationResult {
  ok: boolean;
  value?: unknown;
  error?: { errorType: string; errorMessage: string };
  /** Wall time and CPU time of the invocation (what Lambda's REPORT line bills; absent when init failed). */
  durationMs?: number;
  cpuMs?: number;
}

/** The init phase (loading the handler module: the cold start), timed like an invocation. */
export interface InitTiming {
  durationMs: number;
  cpuMs: number;
}

export interface RunOutcome {
  results: InvocationResult[];
  init?: InitTiming;
  /** The function's log lines that are JSON (Powertools and the runtime's JSON log format). */
  logs: Array<Record<string, unknown>>;
  /** Everything else it printed. */
  otherOutput: string;
  /** Environment variables the code read. */
  environmentRead: string[];
  exitCode: number | null;
}

/** `nodejs24.x` -> 24. */
export function runtimeMajor(runtime: string): number {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  if (!match) throw new Error(`not a Node.js runtime: ${runtime}`);
  return Number(match[1]);
}

/** The directories above `dir` that hold a node_modules (there must be none). */
export function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  let current = dir;
  while (true) {
    if (existsSync(join(current, 'node_modules'))) found.push(join(current, 'node_modules'));
    if (current === parse(current).root) return found;
    current = dirname(current);
  }
}

export interface RunOptions {
  fn: DeployedFunction;
  /** The template's variables with their references resolved to the stand-ins. */
  environment: Record<string, string>;
  /** Where the SDK's calls go (AWS_ENDPOINT_URL_<SERVICE>): the stand-in wiring, not the function's. */
  endpoints: Record<string, string>;
  events: unknown[];
  clockAt?: string;
  /**
   * Per event (same order), what differs from one invocation to the next: the clock it starts at
   * (a later schedule tick), and the qualifier it was invoked through (an alias: SNS invokes a
   * channel's alias, and the context's invokedFunctionArn ends with it).
   */
  invocations?: Array<{ clockAt?: string; qualifier?: string }>;
}

/** Copies the asset folder out of the repository: the task root Lambda would unzip it to. */
export function taskRootFor(fn: DeployedFunction): string {
  const taskRoot = join(mkdtempSync(join(tmpdir(), `hashwatch-task-${fn.logicalId}-`)), 'task');
  cpSync(fn.assetFolder, taskRoot, { recursive: true });
  const above = nodeModulesAbove(taskRoot);
  if (above.length > 0) throw new Error(`the task root ${taskRoot} would resolve packages from ${above.join(', ')}`);
  return taskRoot;
}

export async function runDeployed(options: RunOptions): Promise<RunOutcome> {
  const { fn } = options;
  const major = runtimeMajor(fn.runtime);
  const ours = Number(process.versions.node.split('.')[0]);
  if (major !== ours) {
    throw new Error(
      `${fn.logicalId} deploys on ${fn.runtime} but the tests run Node ${process.versions.node}: one major for both (.nvmrc)`,
    );
  }
  const taskRoot = taskRootFor(fn);
  const work = dirname(taskRoot);
  const functionName = `${fn.stackName}-${fn.logicalId}`;
  const logGroup = `/aws/lambda/${functionName}`;
  const jobFile = join(work, 'job.json');
  const resultsFile = join(work, 'results.json');
  writeFileSync(
    jobFile,
    JSON.stringify({
      handler: fn.handler,
      functionName,
      account: STAND_IN_ACCOUNT,
      memoryMb: fn.memoryMb,
      timeoutSeconds: fn.timeoutSeconds,
      events: options.events,
      resultsFile,
      clockAt: options.clockAt,
      invocations: options.invocations,
    }),
  );
  const logFormat = (fn.properties.LoggingConfig as { LogFormat?: string } | undefined)?.LogFormat;
  // What the managed runtime sets (Lambda's "reserved environment variables"), then the template's.
  const env: Record<string, string> = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: taskRoot,
    LAMBDA_RUNTIME_DIR: dirname(RUNTIME_SCRIPT),
    _HANDLER: fn.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: `2026/02/01/[$LATEST]${fn.logicalId.toLowerCase()}`,
    ...(logFormat === 'JSON' ? { AWS_LAMBDA_LOG_FORMAT: 'JSON' } : {}),
    AWS_REGION: STAND_IN_REGION,
    AWS_DEFAULT_REGION: STAND_IN_REGION,
    AWS_ACCESS_KEY_ID: fn.logicalId,
    AWS_SECRET_ACCESS_KEY: 'deployed-artifact-test',
    AWS_SESSION_TOKEN: 'deployed-artifact-test',
    ...options.environment,
    ...options.endpoints,
  };
  const child = spawn(process.execPath, [RUNTIME_SCRIPT, jobFile], {
    cwd: taskRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  if (!existsSync(resultsFile)) throw new Error(`${fn.logicalId} wrote no results (exit ${exitCode}):\n${output}`);
  const { results, init, environmentRead } = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    results: InvocationResult[];
    init?: InitTiming;
    environmentRead: string[];
  };
  const logs: Array<Record<string, unknown>> = [];
  const other: string[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as unknown;
      if (parsed && typeof parsed === 'object') logs.push(parsed as Record<string, unknown>);
      else other.push(line);
    } catch {
      other.push(line);
    }
  }
  return { results, ...(init ? { init } : {}), logs, otherOutput: other.join('\n'), environmentRead, exitCode };
}
