/**
 * SigV4 as a Function URL with AWS_IAM auth checks it, for the local API server when it is given
 * credentials (startApiServer's `sigv4`): the request's Authorization names the key, the scope
 * (day, region, service) and the headers it signed; the signature is computed again from the
 * request as received, with the SDK's signer and the expected secret, and must be the same. So a
 * client (curl --aws-sigv4, examples/signedClient.ts) that signs wrongly is refused here, as the
 * deployed URL would refuse it, before anything reaches the handler.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { FUNCTION_URL_SERVICE, NodeSha256 } from '../aws/functionUrlSigning';

export interface SigV4Expectation {
  region: string;
  credentials: AwsCredentialIdentity;
}

export interface ReceivedRequest {
  method: string;
  /** The request target as sent: path and query, percent-encoded. */
  url: string;
  /** Lower-cased names (as node:http gives them). */
  headers: Record<string, string>;
  body: string;
}

/** How far the signing time may be from the server's clock (AWS allows 5 minutes either way). */
const MAX_SKEW_MS = 5 * 60_000;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** "20261206T181500Z" as a Date. */
const amzDate = (value: string): Date | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
};

/** The region the local server expects when AWS_REGION is not set (the CLI's and SDK's usual default). */
export const DEFAULT_LOCAL_REGION = 'us-east-1';

/**
 * What `npm start -- --api-sigv4` checks: the key pair in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
 * (a session token travels as a signed header and is not checked: the local server cannot ask STS)
 * and AWS_REGION (default us-east-1); or the sentence that says which variable is missing.
 */
export function sigV4ExpectationFromEnv(env: NodeJS.ProcessEnv): SigV4Expectation | { problem: string } {
  const missing = (['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const).filter((name) => !env[name]);
  if (missing.length > 0)
    return {
      problem: `--api-sigv4 checks every request's signature with the credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set (with SSO or a role: eval "$(aws configure export-credentials --format env)")`,
    };
  return {
    region: env.AWS_REGION || DEFAULT_LOCAL_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  };
}

/** Why the request is refused, or undefined when its signature holds. */
export async function sigV4Problem(
  request: ReceivedRequest,
  expected: SigV4Expectation,
  now: Date,
): Promise<string | undefined> {
  const authorization = request.headers.authorization;
  if (authorization === undefined) return 'the request is not signed (no Authorization header)';
  const parts = AUTHORIZATION.exec(authorization);
  if (!parts)
    return 'the Authorization header is not AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...';
  const [, accessKeyId, day, region, service, signedList, signature] = parts as unknown as string[];
  if (accessKeyId !== expected.credentials.accessKeyId) return `unknown access key ${accessKeyId}`;
  if (region !== expected.region || service !== FUNCTION_URL_SERVICE)
    return `signed for ${service} in ${region}; this URL takes ${FUNCTION_URL_SERVICE} in ${expected.region}`;
  const signedAt = amzDate(request.headers['x-amz-date'] ?? '');
  if (signedAt === undefined) return 'no valid x-amz-date header';
  if (signedAt.toISOString().slice(0, 10).replaceAll('-', '') !== day) return 'the scope day is not the x-amz-date day';
  if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_SKEW_MS) return 'signed more than 5 minutes from now';
  const signedNames = signedList!.split(';');
  if (!signedNames.includes('host')) return 'the host header is not signed';
  const bodyHash = createHash('sha256').update(request.body, 'utf8').digest('hex');
  const claimedHash = request.headers['x-amz-content-sha256'];
  if (claimedHash !== undefined && claimedHash !== bodyHash && claimedHash !== 'UNSIGNED-PAYLOAD')
    return 'x-amz-content-sha256 is not the hash of the body';

  const url = new URL(request.url, 'http://local');
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const earlier = query[name];
    query[name] = earlier === undefined ? value : [...[earlier].flat(), value];
  }
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = request.headers[name];
    if (value === undefined) return `signed header ${name} is missing`;
    headers[name] = value;
  }
  const signer = new SignatureV4({
    service: FUNCTION_URL_SERVICE,
    region: expected.region,
    credentials: expected.credentials,
    sha256: NodeSha256,
    // The client's own x-amz-content-sha256 is used when it signed one; none is added.
    applyChecksum: false,
  });
  const again = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate: signedAt, signableHeaders: new Set(signedNames) },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})$/.exec(again.headers.authorization ?? '')?.[1] ?? '';
  const same =
    expectedSignature.length === signature!.length &&
    timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(signature!));
  return same ? undefined : 'the signature does not match (wrong secret, or the request changed after signing)';
}
