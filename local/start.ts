/**
 * `npm start`: Hashwatch on one laptop, no AWS account.
 *   npm start                       live: public APIs, every 10 minutes
 *   npm start -- --replay           offline: recorded API responses served on 127.0.0.1
 *   npm start -- --webhook URL      also POST each event as an SNS HTTPS notification
 *   npm start -- --cycles 3         stop after 3 cycles
 *   npm start -- --api-port 8787    serve the read API (GET /v1/...) on 127.0.0.1:8787 meanwhile
 *   ... --api-port 8787 --api-sigv4 and refuse requests not SigV4-signed with AWS_ACCESS_KEY_ID's key
 * HASHWATCH_NOTIFICATIONS (a JSON list, docs/notifications.md) adds Telegram, Discord, Slack and
 * signed-webhook channels, delivered by the notifier's handler.
 * Ctrl-C stops everything (DynamoDB Local included) and exits.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { NotificationsConfigError, parseNotificationsJson } from '../shared/notify/channelConfig';
import { findJava, JavaNotFoundError } from './devtools/dynamoLocal';
import { offlineMessage, probeUpstream } from './run/connectivity';
import { runLocal } from './run/localRun';
import { createLocalPipeline, liveUpstreamBaseUrl, startReplayUpstream } from './run/pipeline';
import { runWhenEntryPoint } from './runCli';
import { sigV4ExpectationFromEnv, type SigV4Expectation } from './run/sigv4Check';
import { ComputeConfigError, computeConfigFromEnv } from '../shared/config/computeConfig';

const USAGE =
  'usage: npm start -- [--replay] [--interval MINUTES] [--cycles N] [--webhook URL] [--events FILE.jsonl] [--api-port PORT [--api-sigv4]] [--verbose]';
const HINT = 'see npm start -- --help';

export const HELP = `${USAGE}

Runs Hashwatch on this machine, no AWS account: DynamoDB Local (a Java runtime is needed), the real
ingest and compute handlers on a schedule, the table's stream fed to compute, events printed and
appended to a JSON-lines file. It prints the DynamoDB endpoint (a random port) and the table name
(hashwatch-local), and a status block after each cycle. Ctrl-C stops everything.

Options:
  --replay             offline: recorded API responses served on 127.0.0.1 (2026-02-01), a cycle every 30 s
  --interval MINUTES   minutes between cycles (default 10 live, 0.5 with --replay)
  --cycles N           stop after N cycles
  --webhook URL        also POST each event as an SNS HTTPS notification to URL
  --events FILE.jsonl  where events are appended (default .local/events.jsonl)
  --api-port PORT      serve the read API (GET /v1/latest, /v1/signals, /v1/history, /v1/sites) on 127.0.0.1:PORT
  --api-sigv4          with --api-port: check every request's SigV4 signature as the deployed Function URL
                       does (service lambda), with the credentials in AWS_ACCESS_KEY_ID and
                       AWS_SECRET_ACCESS_KEY, region AWS_REGION (default us-east-1); 403 otherwise.
                       To try the signed examples locally (docs/api.md, "Signed requests")
  --verbose            the handlers' Powertools logs (INFO)
  -h, --help           this help

Environment:
  HASHWATCH_COMPUTE_CONFIG   compute config (JSON): thresholds and your fleets (shown in the status)
  HASHWATCH_INGEST_CONFIG    ingest config (JSON): e.g. a self-hosted mempool's base URL
  HASHWATCH_WEBHOOK_URL      same as --webhook
  HASHWATCH_SNS_TOPIC_ARN    also publish each event to this SNS topic (AWS credentials needed)
  HASHWATCH_NOTIFICATIONS    Telegram, Discord, Slack and signed-webhook channels (JSON list, docs/notifications.md)
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION   the key pair and region --api-sigv4 checks

Examples:
  npm start
  npm start -- --replay --cycles 3
  AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=local-secret npm start -- --replay --api-port 8787 --api-sigv4
  HASHWATCH_COMPUTE_CONFIG='{"fleets":[{"name":"Texas","machines":[{"model":"S19 XP","count":100}],"powerPriceUsdPerKwh":0.062}]}' npm start -- --replay`;

export async function main(
  argv: readonly string[],
  write: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        replay: { type: 'boolean', default: false },
        interval: { type: 'string' },
        cycles: { type: 'string' },
        webhook: { type: 'string', default: process.env.HASHWATCH_WEBHOOK_URL },
        events: { type: 'string', default: '.local/events.jsonl' },
        verbose: { type: 'boolean', default: false },
        'api-port': { type: 'string' },
        'api-sigv4': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    write(`start: ${(error as Error).message}; ${HINT}`);
    return 2;
  }
  if (values.help) {
    write(HELP);
    return 0;
  }
  // The compute config is read by the handlers at their cold start: check it first, so that a typo
  // is one line here rather than a failed cycle after DynamoDB Local started.
  try {
    computeConfigFromEnv();
  } catch (error) {
    if (error instanceof ComputeConfigError) {
      write(`start: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const intervalMinutes = values.interval === undefined ? (values.replay ? 0.5 : 10) : Number(values.interval);
  const maxCycles = values.cycles === undefined ? undefined : Number(values.cycles);
  if (!Number.isFinite(intervalMinutes) || intervalMinutes <= 0) {
    write(`start: --interval must be a positive number of minutes, got ${values.interval}; ${HINT}`);
    return 2;
  }
  if (values.webhook !== undefined && !/^https?:\/\/[^\s/]+/.test(values.webhook)) {
    write(`start: --webhook must be an http(s) URL, got ${values.webhook}; ${HINT}`);
    return 2;
  }
  const apiPort = values['api-port'] === undefined ? undefined : Number(values['api-port']);
  if (apiPort !== undefined && (!/^\d+$/.test(values['api-port']!) || apiPort < 1 || apiPort > 65_535)) {
    write(`--api-port must be a TCP port from 1 to 65535, got ${values['api-port']}`);
    return 2;
  }
  let apiSigV4: SigV4Expectation | undefined;
  if (values['api-sigv4']) {
    if (apiPort === undefined) {
      write(`start: --api-sigv4 checks the read API's requests: give it with --api-port PORT; ${HINT}`);
      return 2;
    }
    const expectation = sigV4ExpectationFromEnv(process.env);
    if ('problem' in expectation) {
      write(`start: ${expectation.problem}`);
      return 2;
    }
    apiSigV4 = expectation;
  }
  if (maxCycles !== undefined && (!Number.isInteger(maxCycles) || maxCycles < 1)) {
    write(`start: --cycles must be a positive integer, got ${values.cycles}; ${HINT}`);
    return 2;
  }

  let notifications;
  try {
    notifications = parseNotificationsJson(process.env.HASHWATCH_NOTIFICATIONS, 'allowed');
  } catch (error) {
    if (!(error instanceof NotificationsConfigError)) throw error;
    write(error.message);
    return 2;
  }

  try {
    findJava();
  } catch (error) {
    if (error instanceof JavaNotFoundError) {
      write(error.message);
      return 1;
    }
    throw error;
  }

  const controller = new AbortController();
  let firstInterruptAt: number | undefined;
  const onSignal = (): void => {
    const now = Date.now();
    if (firstInterruptAt === undefined) {
      firstInterruptAt = now;
      write('\nCtrl-C: shutting down (press again to force)...');
      controller.abort();
    } else if (now - firstInterruptAt > 1_000) {
      // A second, deliberate Ctrl-C. (Repeats within a second are the same keypress relayed by npm
      // to the whole process group.) The JVM child is killed by dynamoLocal's exit hook.
      process.exit(130);
    }
  };
  // `npm start` runs `node --import tsx`, not the tsx command: that one relays a Ctrl-C to its child
  // and SIGKILLs it when the child has not answered within about 60 ms, which a busy cycle does not,
  // and this shutdown never ran (test/integration/local/ctrlCWhileBusy.test.ts).
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let upstream: { baseUrl: string; recordedAt?: Date; close(): Promise<void> };
  if (values.replay) {
    upstream = await startReplayUpstream();
    write(
      `Replay mode: API responses recorded at ${upstream.recordedAt!.toISOString()} served on ${upstream.baseUrl} (no internet needed), a cycle every ${intervalMinutes * 60} s`,
    );
  } else {
    const baseUrl = liveUpstreamBaseUrl();
    const reach = await probeUpstream(baseUrl);
    if (!reach.ok) {
      write(offlineMessage(baseUrl, reach.reason));
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      return 1;
    }
    upstream = { baseUrl, close: async () => undefined };
    write(`Live mode: ${baseUrl}, every ${intervalMinutes} min`);
  }

  try {
    await runLocal({
      intervalMs: intervalMinutes * 60_000,
      signal: controller.signal,
      maxCycles,
      write,
      createPipeline: (table) =>
        createLocalPipeline({
          table,
          upstreamBaseUrl: upstream.baseUrl,
          replay: upstream.recordedAt ? { recordedAt: upstream.recordedAt, intervalMinutes: 10 } : undefined,
          verbose: values.verbose,
          apiPort,
          apiSigV4,
          eventsPath: resolve(values.events),
          webhookUrl: values.webhook,
          snsTopicArn: process.env.HASHWATCH_SNS_TOPIC_ARN,
          notifications,
          write,
        }),
    });
  } finally {
    await upstream.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  write('Stopped.');
  return 0;
}

runWhenEntryPoint(import.meta.url, main);
