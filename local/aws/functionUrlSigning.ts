/**
 * Requests signed for a Function URL with AWS_IAM auth (SigV4, service `lambda`), with the AWS
 * SDK's own signer (@smithy/signature-v4, which every @aws-sdk client ships with) and Node's crypto
 * for SHA-256. One home for the three that sign or check: `npm run backtest -- --from-api`
 * (local/history/apiHistory.ts), the local API server's signature check (local/run/sigv4Check.ts)
 * and the command-line example (examples/signedClient.ts). Copy this file to sign from your code.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Checksum, SourceData } from '@smithy/types';

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
  /** The credentials, or a provider of them (the SDK's default chain: environment, profile, SSO, role). */
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

/** GET `url` signed with SigV4 for `lambda` in `region`: the answer as fetch gives it. */
export async function signedGet(
  url: string | URL,
  { region, credentials }: SigningOptions,
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
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
  return fetchImpl(target, { headers });
}

/** The credentials of the environment, as the AWS CLI exports them. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AwsCredentialIdentity {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!accessKeyId || !secretAccessKey)
    throw new Error('Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN, if you have one).');
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}
