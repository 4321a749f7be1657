/**
 * `npm run preflight` against local stand-ins of the two AWS APIs it reads (Lambda's
 * GetAccountSettings, SSM's GetParameters) on 127.0.0.1: the real SDK clients send real signed
 * requests, and the stand-ins check them as the APIs document them (method, path, target header,
 * body) and answer in the documented shapes, including AccessDeniedException. No stand-in of
 * these APIs exists to run locally, so this is the closest to the account the test can get.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseHashwatchConfig } from '../../../infra/config/hashwatchConfig';
import { main } from '../../../local/preflight/cli';
import { deploymentPlan } from '../../../local/preflight/deploymentPlan';
import { PREFLIGHT_ACTIONS, PREFLIGHT_CALLS } from '../../../local/preflight/deployerRights';
import { setAwsClientHook } from '../../../shared/adapters/aws/awsClientFactory';

interface AccountStandIn {
  /** null: the deployer may not call GetAccountSettings. */
  concurrency: { ConcurrentExecutions: number; UnreservedConcurrentExecutions: number } | null;
  /** Parameter name -> value; `denySsm`: the deployer may not call GetParameters. */
  parameters: Record<string, string>;
  denySsm: boolean;
  /** Both APIs answer every call with their throttling error. */
  throttle?: boolean;
}

const account: AccountStandIn = { concurrency: null, parameters: {}, denySsm: false };
const requests: Array<{ method: string; url: string; target?: string; body: string; authorization?: string }> = [];
let server: Server;
let endpoint: string;
/** Over the whole file: each call the preflight's SDK clients sent ("LambdaClient GetAccountSettingsCommand"). */
const sentCommands = new Set<string>();
/** Over the whole file: each call as IAM sees it on the wire (the SigV4 scope's service, the operation). */
const wireActions = new Set<string>();
/** The REST routes of the stand-in, by operation (the JSON protocols name theirs in X-Amz-Target). */
const REST_OPERATIONS: Record<string, string> = { 'GET /2016-08-19/account-settings': 'GetAccountSettings' };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => resolve(body));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const target = req.headers['x-amz-target'] as string | undefined;
    requests.push({ method: req.method!, url: req.url!, target, body, authorization: req.headers.authorization });
    const service = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
    const operation =
      target?.split('.')[1] ?? REST_OPERATIONS[`${req.method} ${req.url}`] ?? `${req.method} ${req.url}`;
    wireActions.add(`${service ?? '(unsigned)'}:${operation}`);
    // Lambda: GET /2016-08-19/account-settings (REST-JSON, no body).
    if (req.method === 'GET' && req.url === '/2016-08-19/account-settings') {
      if (account.throttle) {
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
        res.end(JSON.stringify({ Reason: 'CallerRateLimitExceeded', message: 'Rate exceeded' }));
        return;
      }
      if (!account.concurrency) {
        res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
        res.end(
          JSON.stringify({
            Message:
              'User: arn:aws:iam::123456789012:user/deployer is not authorized to perform: lambda:GetAccountSettings',
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          AccountLimit: {
            CodeSizeUnzipped: 262144000,
            CodeSizeZipped: 52428800,
            TotalCodeSize: 80530636800,
            ...account.concurrency,
          },
          AccountUsage: { FunctionCount: 3, TotalCodeSize: 1234567 },
        }),
      );
      return;
    }
    // SSM: POST / with X-Amz-Target AmazonSSM.GetParameters (JSON 1.1).
    if (req.method === 'POST' && req.url === '/' && target === 'AmazonSSM.GetParameters') {
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (account.throttle) {
        res.writeHead(400);
        res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
        return;
      }
      if (account.denySsm) {
        res.writeHead(400);
        res.end(
          JSON.stringify({
            __type: 'AccessDeniedException',
            message: 'User: arn:aws:iam::123456789012:user/deployer is not authorized to perform: ssm:GetParameters',
          }),
        );
        return;
      }
      const { Names } = JSON.parse(body) as { Names: string[] };
      res.writeHead(200);
      res.end(
        JSON.stringify({
          Parameters: Names.filter((n) => n in account.parameters).map((n) => ({
            Name: n,
            Type: 'String',
            Value: account.parameters[n],
            Version: 1,
          })),
          InvalidParameters: Names.filter((n) => !(n in account.parameters)),
        }),
      );
      return;
    }
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `unexpected request ${req.method} ${req.url} ${target ?? ''}` }));
  });
  // Every client the preflight builds goes through the factory's hook: record what it sends.
  setAwsClientHook((client) =>
    client.middlewareStack.add(
      ((next: (args: unknown) => unknown, context: { clientName: string; commandName: string }) => (args: unknown) => {
        sentCommands.add(`${context.clientName} ${context.commandName}`);
        return next(args);
      }) as never,
      { step: 'initialize', name: 'preflightCallRecorder' } as never,
    ),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

// The first synth loads aws-cdk-lib, which takes a minute on a busy machine: here, under the
// hook's own budget, rather than inside the first test's.
beforeAll(() => void deploymentPlan(parseHashwatchConfig({}), {}), 180_000);

afterAll(() => {
  setAwsClientHook(undefined);
  return new Promise<void>((r) => server.close(() => r()));
});

const ENV = () => ({
  AWS_ENDPOINT_URL_LAMBDA: endpoint,
  AWS_ENDPOINT_URL_SSM: endpoint,
  AWS_ACCESS_KEY_ID: 'AKIAPREFLIGHTTEST',
  AWS_SECRET_ACCESS_KEY: 'preflight-test-secret',
  AWS_REGION: 'eu-west-1',
});

const saved: Record<string, string | undefined> = {};
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  requests.length = 0;
  vi.restoreAllMocks();
});

async function preflight(args: string[]): Promise<{ code: number; out: string }> {
  for (const [k, v] of Object.entries(ENV())) {
    if (!(k in saved)) saved[k] = process.env[k];
    process.env[k] = v;
  }
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
  const code = await main(args);
  return { code, out: lines.join('\n') };
}

function configFile(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'hashwatch-preflight-'));
  const path = join(dir, 'hashwatch.config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const TELEGRAM = { type: 'telegram', chatId: -1001234567890, botTokenParameter: '/hashwatch/telegram/bot-token' };
const BOOTSTRAP = '/cdk-bootstrap/hnb659fds/version';

describe('npm run preflight', () => {
  it('a new account (quota 10) and a config that reserves 5: says the deploy would fail, and how to fix it', async () => {
    account.concurrency = { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 10 };
    account.parameters = { [BOOTSTRAP]: '30', [TELEGRAM.botTokenParameter]: 'x' };
    account.denySsm = false;
    const { code, out } = await preflight([
      '--config',
      configFile({ calculator: { reservedConcurrency: 5 }, notifications: [TELEGRAM] }),
    ]);
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL {4}Lambda reserved concurrency: the templates reserve 5 \(CalculatorFunction\w+ 5\)/);
    expect(out).toContain('this account has 10 of 10 unreserved (0 reservable)');
    expect(out).toContain('"calculator": {"reservedConcurrency": false}');
    expect(out).toContain('at least 105');
    expect(out).toMatch(/ok {6}CDK bootstrap: bootstrap version 30 \(the templates need 6 or later\)/);
    expect(out).toMatch(/ok {6}secret notifications\[0\]\.botTokenParameter: \/hashwatch\/telegram\/bot-token exists/);
    // The requests as the APIs document them, signed with the deployer's credentials.
    const lambda = requests.filter((r) => r.url === '/2016-08-19/account-settings');
    expect(lambda).toHaveLength(1);
    expect(lambda[0]!.method).toBe('GET');
    expect(lambda[0]!.body).toBe('');
    expect(lambda[0]!.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAPREFLIGHTTEST\/\d{8}\/eu-west-1\/lambda\//,
    );
    const ssm = requests.filter((r) => r.target === 'AmazonSSM.GetParameters');
    expect(ssm).toHaveLength(1);
    expect(JSON.parse(ssm[0]!.body)).toEqual({ Names: [BOOTSTRAP, TELEGRAM.botTokenParameter], WithDecryption: false });
    expect(ssm[0]!.authorization).toMatch(/\/eu-west-1\/ssm\/aws4_request/);
  });

  it('the defaults in the same new account: every check passes (the default reserves nothing)', async () => {
    account.concurrency = { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 10 };
    account.parameters = { [BOOTSTRAP]: '30' };
    const { code, out } = await preflight(['--config', configFile({})]);
    expect(out).toContain('ok      Lambda reserved concurrency: no function reserves concurrency');
    expect(code).toBe(0);
  });

  it('a reservation the account can give passes; a missing secret and an old bootstrap fail, naming the field', async () => {
    account.concurrency = { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 };
    account.parameters = { [BOOTSTRAP]: '5' };
    const { code, out } = await preflight([
      '--config',
      configFile({ calculator: { reservedConcurrency: 5 }, notifications: [TELEGRAM] }),
    ]);
    expect(code).toBe(1);
    expect(out).toMatch(/ok {6}Lambda reserved concurrency: .*1000 of 1000 unreserved, 900 reservable/);
    expect(out).toContain('FAIL    CDK bootstrap: bootstrap version 5; the templates need 6 or later');
    expect(out).toContain(
      'FAIL    secret notifications[0].botTokenParameter: /hashwatch/telegram/bot-token does not exist in eu-west-1',
    );
    expect(out).toContain('aws ssm put-parameter --region eu-west-1 --name /hashwatch/telegram/bot-token');
  });

  it('a refused read is reported as UNKNOWN with the AWS error, never as a pass or as "absent"', async () => {
    account.concurrency = null;
    account.denySsm = true;
    const { code, out } = await preflight([
      '--config',
      configFile({ calculator: { reservedConcurrency: 5 }, notifications: [TELEGRAM] }),
    ]);
    expect(code).toBe(1);
    expect(out).toMatch(/UNKNOWN Lambda reserved concurrency: .*AccessDeniedException: .*lambda:GetAccountSettings/);
    expect(out).toMatch(/UNKNOWN CDK bootstrap: .*AccessDeniedException/);
    expect(out).toMatch(/UNKNOWN secret notifications\[0\]\.botTokenParameter: .*AccessDeniedException/);
    expect(out).not.toMatch(/does not exist|ok {6}/);
  });

  it('a throttled read, after the retries, is UNKNOWN with the AWS error, never "absent" or a pass', async () => {
    account.throttle = true;
    try {
      const { code, out } = await preflight([
        '--config',
        configFile({ calculator: { reservedConcurrency: 5 }, notifications: [TELEGRAM] }),
      ]);
      expect(code).toBe(1);
      expect(out).toMatch(/UNKNOWN Lambda reserved concurrency: .*TooManyRequestsException: Rate exceeded/);
      expect(out).toMatch(/UNKNOWN CDK bootstrap: .*ThrottlingException: Rate exceeded/);
      expect(out).toMatch(/UNKNOWN secret notifications\[0\]\.botTokenParameter: .*ThrottlingException/);
      expect(out).not.toMatch(/does not exist|not bootstrapped|ok {6}/);
      // The project's retry budget (3 attempts) was spent on each before giving up.
      expect(requests.filter((r) => r.url === '/2016-08-19/account-settings')).toHaveLength(3);
      expect(requests.filter((r) => r.target === 'AmazonSSM.GetParameters')).toHaveLength(3);
    } finally {
      account.throttle = false;
    }
  });

  it('a misspelt config key is refused naming it, before any AWS call (exit 2)', async () => {
    const { code, out } = await preflight(['--config', configFile({ calculatr: {} })]);
    expect(code).toBe(2);
    expect(out).toContain('calculatr');
    expect(requests).toHaveLength(0);
  });

  it('runs as the README and docs/deploy.md show it: npm run preflight -- --help', () => {
    const run = spawnSync('npm', ['run', '--silent', 'preflight', '--', '--help'], {
      cwd: join(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('usage: npm run preflight');
    expect(run.stdout).toContain(`The rights it needs: ${PREFLIGHT_ACTIONS} (docs/deploy.md)`);
  }, 60_000);

  // Last in the file (tests in a file run in order): the calls of every run above.
  it('sends no call that its rights list (help, docs/deploy.md) leaves out, and needs every one it lists', () => {
    expect([...sentCommands].sort()).toEqual(PREFLIGHT_CALLS.map((c) => `${c.client} ${c.command}`).sort());
    expect([...wireActions].sort()).toEqual(PREFLIGHT_CALLS.map((c) => c.action).sort());
  });
});
