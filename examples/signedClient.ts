/**
 * A signed GET to a Hashwatch installation's Function URL (AWS_IAM auth), with the AWS SDK's own
 * SigV4 signer (@smithy/signature-v4, which every @aws-sdk client ships with) and Node's crypto
 * for SHA-256. Copy it into your code, or run it:
 *
 *   AWS_REGION=us-east-1 npx tsx examples/signedClient.ts "${URL}v1/latest?currency=EUR"
 *
 * with your credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for
 * SSO or a role: `eval "$(aws configure export-credentials --format env)"`). docs/api.md,
 * "Signed requests"; test/integration/api/signedRequests.test.ts runs it against the local server.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Checksum, SourceData } from '@smithy/types';

/** Function URLs are signed for the service `lambda`. */
export const FUNCTION_URL_SERVICE = 'lambda';

const bytes = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** SHA-256 (or HMAC-SHA-256 with a secret) as the signer asks for it, on node:crypto. */
export class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }

  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

export interface SigningOptions {
  region: string;
  credentials: AwsCredentialIdentity;
}

/** GET `url` signed with SigV4 for `lambda` in `region`: the answer as fetch gives it. */
export async function signedGet(url: string, { region, credentials }: SigningOptions): Promise<Response> {
  const target = new URL(url);
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of target.searchParams) {
    const earlier = query[name];
    query[name] = earlier === undefined ? value : [...[earlier].flat(), value];
  }
  const signer = new SignatureV4({ service: FUNCTION_URL_SERVICE, region, credentials, sha256: NodeSha256 });
  const signed = await signer.sign({
    method: 'GET',
    protocol: target.protocol,
    hostname: target.hostname,
    ...(target.port === '' ? {} : { port: Number(target.port) }),
    path: target.pathname,
    query,
    headers: { host: target.host },
  });
  // fetch writes the same Host from the URL; the signature covers it.
  const { host: _host, ...headers } = signed.headers;
  return fetch(target, { headers });
}

/** The credentials of the environment, as the AWS CLI exports them. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AwsCredentialIdentity {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!accessKeyId || !secretAccessKey)
    throw new Error('Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN, if you have one).');
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}

async function main(argv: readonly string[]): Promise<number> {
  const url = argv[0];
  const region = process.env.AWS_REGION;
  if (url === undefined || !region) {
    console.error('usage: AWS_REGION=<region> npx tsx examples/signedClient.ts <function URL + path and query>');
    return 2;
  }
  const answer = await signedGet(url, { region, credentials: credentialsFromEnv() });
  process.stdout.write(await answer.text());
  if (!answer.ok) console.error(`HTTP ${answer.status}`);
  return answer.ok ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
