/**
 * A signed GET to a Hashwatch installation's Function URL (AWS_IAM auth), from the command line:
 *
 *   AWS_REGION=us-east-1 npx tsx examples/signedClient.ts "${URL}v1/latest?currency=EUR"
 *
 * with your credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for
 * SSO or a role: `eval "$(aws configure export-credentials --format env)"`). The signing itself is
 * local/aws/functionUrlSigning.ts (the SDK's SigV4 signer and Node's crypto): copy that file to sign
 * from your own code. docs/api.md, "Signed requests"; test/integration/api/signedRequests.test.ts
 * runs this against the local server.
 */
import { credentialsFromEnv, signedGet } from '../local/aws/functionUrlSigning';

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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
