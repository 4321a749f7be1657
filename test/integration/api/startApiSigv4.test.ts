/**
 * `npm start -- --api-port PORT --api-sigv4` (issue #29): the local read API checks SigV4 as the
 * deployed Function URL does, with the key pair the environment holds (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY) and its AWS_REGION, so a user can try the signed examples on a laptop.
 * The option's refusals are one line each, before anything starts; a real run (a child process,
 * replay mode) answers a request signed by examples/signedClient.ts and refuses an unsigned one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signedGet } from '../../../local/aws/functionUrlSigning';
import { HELP, main } from '../../../local/start';
import { createApiRouter } from '../../../shared/api/router';
import { EMPTY_API_PORTS } from '../../support/emptyApiPorts';
import { freePort, npmStartRun, waitFor } from '../../support/npmStartRun';

// AWS's documented example key pair (never a real one).
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const REGION = 'eu-west-1';

afterEach(() => vi.unstubAllEnvs());

/** main's answer to `argv`: its exit code and what it wrote. */
async function start(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(argv, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

describe('npm start -- --api-sigv4', () => {
  it('is in --help, with the variables it reads and an example', async () => {
    const help = await start(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toBe(HELP);
    expect(HELP).toContain('[--api-port PORT [--api-sigv4]]');
    expect(HELP).toMatch(/--api-sigv4 {10}with --api-port: check every request's SigV4 signature/);
    expect(HELP).toContain(
      'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION   the key pair and region --api-sigv4 checks',
    );
    expect(HELP).toContain('npm start -- --replay --api-port 8787 --api-sigv4');
  });

  it('refuses, in one line, without --api-port or without the credentials', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
    expect(await start(['--replay', '--api-sigv4'])).toEqual({
      code: 2,
      out: "start: --api-sigv4 checks the read API's requests: give it with --api-port PORT; see npm start -- --help",
    });
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    expect(await start(['--replay', '--api-port', '8787', '--api-sigv4'])).toEqual({
      code: 2,
      out: `start: --api-sigv4 checks every request's signature with the credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: AWS_SECRET_ACCESS_KEY is not set (with SSO or a role: eval "$(aws configure export-credentials --format env)")`,
    });
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    expect((await start(['--replay', '--api-port', '8787', '--api-sigv4'])).out).toContain(
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set',
    );
  });

  it('serves a signed request and refuses an unsigned one during a replay run', async () => {
    const port = await freePort();
    const run = npmStartRun(['--replay', '--cycles', '50', '--api-port', String(port), '--api-sigv4'], {
      ...process.env,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_REGION: REGION,
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(run.output, () => run.child.exitCode !== null, /SigV4 checked/, 90_000);
      expect(run.output()).toContain(
        `  SigV4 checked as the deployed Function URL checks it: sign for lambda in ${REGION} with the key ${CREDENTIALS.accessKeyId} (AWS_ACCESS_KEY_ID); anything else gets 403`,
      );
      const unsigned = await fetch(`${base}/v1/openapi.json`);
      expect(unsigned.status).toBe(403);
      expect(await unsigned.json()).toEqual({
        Message: 'Forbidden: the request is not signed (no Authorization header)',
      });
      const signed = await signedGet(`${base}/v1/openapi.json`, { region: REGION, credentials: CREDENTIALS });
      expect(signed.status).toBe(200);
      const expected = await createApiRouter(EMPTY_API_PORTS)({ method: 'GET', path: '/v1/openapi.json', query: {} });
      expect(await signed.text()).toBe(expected.body);
      // Signed for the default region instead of AWS_REGION's: refused, saying so.
      const otherRegion = await signedGet(`${base}/v1/openapi.json`, { region: 'us-east-1', credentials: CREDENTIALS });
      expect(otherRegion.status).toBe(403);
      expect(((await otherRegion.json()) as { Message: string }).Message).toContain(
        `this URL takes lambda in ${REGION}`,
      );
      await run.interrupt();
      expect(run.output()).toContain('Stopped.');
    } finally {
      run.kill();
    }
  }, 180_000);
});
