/**
 * The signed-request examples (issue #29, point 4) against the local API server on 127.0.0.1, which
 * here checks SigV4 as the deployed Function URL's AWS_IAM auth does, with this test's fixed
 * credentials: examples/signed-request.sh (curl --aws-sigv4) and examples/signedClient.ts (the
 * SDK's signer) get the same answers an unsigned call of the router gives, and a request signed
 * with another secret, for another region, changed after signing or not signed at all is refused
 * with 403. curl is required: without it this test fails, saying so.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedGet } from '../../../local/aws/functionUrlSigning';
import type { ApiServer } from '../../../local/run/apiServer';
import { createApiRouter } from '../../../shared/api/router';
import { EMPTY_API_PORTS } from '../../support/emptyApiPorts';
import { REPO_ROOT } from '../../support/importGraph';
import { startLocalApiServer } from '../../support/localApiServer';

const REGION = 'eu-west-1';
// AWS's documented example key pair (never a real one).
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const WRONG = { ...CREDENTIALS, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYOTHERKEY00' };
const SCRIPT = join(REPO_ROOT, 'examples', 'signed-request.sh');
/** curl's --aws-sigv4 arrived in 7.75.0. */
const CURL_MIN = [7, 75];

let server: ApiServer;
const router = createApiRouter(EMPTY_API_PORTS);

/** The router's answer to the same GET, unsigned and in process: what a signed request must get. */
async function unsignedBody(path: string, query: Record<string, string> = {}): Promise<string> {
  const answer = await router({ method: 'GET', path, query });
  expect(answer.statusCode, path).toBe(200);
  return answer.body;
}

function curlVersion(): number[] {
  const run = spawnSync('curl', ['--version'], { encoding: 'utf8' });
  if (run.error !== undefined || run.status !== 0)
    throw new Error(
      `curl is required to run examples/signed-request.sh (curl ${CURL_MIN.join('.')} or later, for --aws-sigv4): ${run.error?.message ?? run.stderr}`,
    );
  return (/^curl (\d+)\.(\d+)/.exec(run.stdout) ?? []).slice(1).map(Number);
}

/** The script run as a user runs it; asynchronously, since the server answering it is in this process. */
function runScript(
  path: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  extra = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn('sh', [SCRIPT, path], {
    env: {
      PATH: process.env.PATH,
      HASHWATCH_URL: `${server.baseUrl}/`,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ...extra,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  const [major = 0, minor = 0] = curlVersion();
  if (major * 1000 + minor < CURL_MIN[0]! * 1000 + CURL_MIN[1]!)
    throw new Error(`curl ${major}.${minor} has no --aws-sigv4: examples/signed-request.sh needs curl 7.75 or later`);
  server = await startLocalApiServer(EMPTY_API_PORTS, { sigv4: { region: REGION, credentials: CREDENTIALS } });
});
afterAll(async () => server?.close());

describe('examples/signed-request.sh (curl --aws-sigv4)', () => {
  it('gets the answer of the route, a query included', async () => {
    // Parameters in sorted order: curl before 8.1 signs the query as written, not canonically sorted.
    const run = await runScript('v1/miners?format=csv&ticker=MARA&view=monthly', CREDENTIALS);
    expect(run.stderr, run.stdout).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(await unsignedBody('/v1/miners', { view: 'monthly', ticker: 'MARA', format: 'csv' }));
    expect(run.stdout).toMatch(/^ticker,month,/);
  });

  it('works with a session token (SSO, a role): the header travels with the signature', async () => {
    const run = await runScript('v1/openapi.json', CREDENTIALS, { AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLETOKEN' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(await unsignedBody('/v1/openapi.json'));
  });

  it('is refused with 403 when signed with another secret (curl exits non-zero, the answer says why)', async () => {
    const run = await runScript('v1/signals', WRONG);
    expect(run.status).toBe(22); // curl --fail-with-body: HTTP 400 or more
    expect(JSON.parse(run.stdout)).toEqual({
      Message: 'Forbidden: the signature does not match (wrong secret, or the request changed after signing)',
    });
  });
});

describe('examples/signedClient.ts (the SDK signer)', () => {
  it('runs from the command line as docs/api.md shows: the answer on stdout, exit 0; unsigned credentials refused', async () => {
    const run = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(
          join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
          [join(REPO_ROOT, 'examples', 'signedClient.ts'), `${server.baseUrl}/v1/signals?events=1`],
          {
            env: {
              PATH: process.env.PATH,
              AWS_REGION: REGION,
              AWS_ACCESS_KEY_ID: credentials.accessKeyId,
              AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
            },
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const ok = await run(CREDENTIALS);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(await unsignedBody('/v1/signals', { events: '1' }));
    const refused = await run(WRONG);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/HTTP 403/);
  }, 60_000);

  it('gets the answer of the route, a query included', async () => {
    const answer = await signedGet(`${server.baseUrl}/v1/history?from=2025-01-01&to=2025-01-31&currency=EUR`, {
      region: REGION,
      credentials: CREDENTIALS,
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(
      await unsignedBody('/v1/history', { from: '2025-01-01', to: '2025-01-31', currency: 'EUR' }),
    );
  });

  it('is refused with 403 when signed with another secret, for another region, or not signed', async () => {
    const url = `${server.baseUrl}/v1/signals`;
    const wrongSecret = await signedGet(url, { region: REGION, credentials: WRONG });
    expect(wrongSecret.status).toBe(403);
    expect(((await wrongSecret.json()) as { Message: string }).Message).toMatch(/signature does not match/);
    const otherRegion = await signedGet(url, { region: 'us-east-1', credentials: CREDENTIALS });
    expect(otherRegion.status).toBe(403);
    expect(((await otherRegion.json()) as { Message: string }).Message).toMatch(/signed for lambda in us-east-1/);
    const unsigned = await fetch(url);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is refused when the query changes after signing (the signature covers it)', async () => {
    // Sign one query, send another with the same headers: what a proxy rewriting the URL would do.
    const signed = await captureSignedHeaders(`${server.baseUrl}/v1/signals?events=1`);
    const replay = await fetch(`${server.baseUrl}/v1/signals?events=5`, { headers: signed });
    expect(replay.status).toBe(403);
    const honest = await fetch(`${server.baseUrl}/v1/signals?events=1`, { headers: signed });
    expect(honest.status).toBe(200);
  });
});

/** The headers signedGet sends for `url` (the request is also sent; its answer is ignored). */
async function captureSignedHeaders(url: string): Promise<Record<string, string>> {
  const original = globalThis.fetch;
  let headers: Record<string, string> = {};
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    headers = { ...(init?.headers as Record<string, string>) };
    return original(input, init);
  }) as typeof fetch;
  try {
    await signedGet(url, { region: REGION, credentials: CREDENTIALS });
  } finally {
    globalThis.fetch = original;
  }
  return headers;
}
