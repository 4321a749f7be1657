/**
 * Plays the Lambda Node.js runtime for one function in this process (plain JavaScript, no tsx: it
 * runs on the bare Node the test picked for the runtime's major). Like the managed runtime it
 * resolves the handler setting ("index.handler") against the task root, imports the module as ESM,
 * and calls the export with each event and a context object of the real shape, one invocation at
 * a time in one warm process. The environment (the template's variables plus the runtime's own)
 * is set by the parent.
 *
 * Usage: node lambdaRuntime.mjs <job.json>. The job names the task root, handler, function name,
 * memory, timeout, the events, where to write the results and, optionally, a clock to start at
 * (the recorded upstream responses are a moment in the past). Results go to a file, so that the
 * function's own logs keep stdout and stderr to themselves.
 */
/* global process, performance -- Node globals: this file runs on bare Node, outside the TypeScript build. */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// Shift the wall clock to the recorded moment: every `new Date()` and `Date.now()` reads it, the
// clock still runs. (The function's code is untouched; timers use their own monotonic clock.) An
// invocation may start at a later moment of its own (job.invocations[i].clockAt).
const RealDate = Date;
let offsetMs = 0;
const shiftClockTo = (at) => {
  offsetMs = new RealDate(at).getTime() - RealDate.now();
};
if (job.clockAt || job.invocations?.some((i) => i?.clockAt)) {
  if (job.clockAt) shiftClockTo(job.clockAt);
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offsetMs);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offsetMs;
    }
  }
  globalThis.Date = ShiftedDate;
}

// Which of the variables the template sets does the code read? (Both directions are checked.)
const environmentRead = new Set();
const realEnv = process.env;
process.env = new Proxy(realEnv, {
  get(target, key) {
    if (typeof key === 'string') environmentRead.add(key);
    return Reflect.get(target, key);
  },
  set(target, key, value) {
    target[key] = value;
    return true;
  },
  has(target, key) {
    if (typeof key === 'string') environmentRead.add(key);
    return Reflect.has(target, key);
  },
});

/** The managed runtime's lookup: "<module path>.<export>", the module tried as .js, .mjs, .cjs. */
async function loadHandler(taskRoot, handlerSetting) {
  const dot = handlerSetting.lastIndexOf('.');
  const modulePath = handlerSetting.slice(0, dot);
  const exportName = handlerSetting.slice(dot + 1);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => join(taskRoot, `${modulePath}${ext}`)).find(existsSync);
  if (!file) throw new Error(`Runtime.ImportModuleError: Cannot find module '${modulePath}' in ${taskRoot}`);
  const module = await import(pathToFileURL(file).href);
  const handler = module[exportName];
  if (typeof handler !== 'function')
    throw new Error(`Runtime.HandlerNotFound: ${handlerSetting} is undefined or not exported`);
  return handler;
}

/** An invocation through a qualifier (an alias) names it at the end of the invoked ARN, as Lambda does. */
function contextFor(deadlineMs, qualifier) {
  const awsRequestId = randomUUID();
  const functionArn = `arn:aws:lambda:${realEnv.AWS_REGION}:${job.account}:function:${job.functionName}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: job.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: qualifier ? `${functionArn}:${qualifier}` : functionArn,
    memoryLimitInMB: String(job.memoryMb),
    awsRequestId,
    logGroupName: realEnv.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: realEnv.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - performance.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const results = [];
let initError;
let handler;
// What Lambda's REPORT line tells (and bills since 2025-08: the init phase too): the init's and each
// invocation's duration, and the CPU time they took (a Lambda of M MB gets M / 1,769 of a vCPU).
const initStartMs = performance.now();
const initStartCpu = process.cpuUsage();
const cpuMsSince = (start) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
let init;
try {
  handler = await loadHandler(process.cwd(), job.handler);
} catch (error) {
  initError = { errorType: error?.name ?? 'Error', errorMessage: String(error?.message ?? error) };
}
init = { durationMs: performance.now() - initStartMs, cpuMs: cpuMsSince(initStartCpu) };
for (const [index, event] of job.events.entries()) {
  const invocation = job.invocations?.[index] ?? {};
  if (invocation.clockAt) shiftClockTo(invocation.clockAt);
  if (initError) {
    results.push({ ok: false, error: initError });
    continue;
  }
  const deadlineMs = performance.now() + job.timeoutSeconds * 1000;
  // The managed runtime hands the handler a fresh parse of the JSON payload on every invocation.
  const payload = JSON.parse(JSON.stringify(event));
  const startMs = performance.now();
  const startCpu = process.cpuUsage();
  const timing = () => ({ durationMs: performance.now() - startMs, cpuMs: cpuMsSince(startCpu) });
  process.env._X_AMZN_TRACE_ID = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)};Parent=${randomUUID().replace(/-/g, '').slice(0, 16)};Sampled=1`;
  try {
    const value = await handler(payload, contextFor(deadlineMs, invocation.qualifier));
    results.push({ ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)), ...timing() });
  } catch (error) {
    results.push({
      ok: false,
      error: { errorType: error?.name ?? 'Error', errorMessage: String(error?.message ?? error) },
      ...timing(),
    });
  }
}
writeFileSync(job.resultsFile, JSON.stringify({ results, init, environmentRead: [...environmentRead].sort() }));
