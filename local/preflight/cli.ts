/**
 * `npm run preflight [-- --config FILE] [--region REGION]`: before the first `cdk deploy`, reads
 * the target account with the deployer's credentials and says plainly what the deploy of this
 * config would meet there (a Lambda concurrency reservation the account cannot give, an
 * environment not bootstrapped or bootstrapped too long ago, a channel secret missing from
 * Parameter Store), each with its fix. Exit 0 when every check passed, 1 when one failed or could
 * not be made (a refused read is reported, never taken for a pass), 2 for a bad option or config.
 */
import { parseArgs } from 'node:util';
import { HashwatchConfigError } from '../../infra/config/hashwatchConfig';
import { loadHashwatchConfig } from '../../infra/config/loadConfig';
import { lambdaClient } from '../../shared/adapters/aws/lambdaClient';
import { ssmClient } from '../../shared/adapters/aws/ssmClient';
import { runWhenEntryPoint } from '../runCli';
import { readLambdaConcurrency, readParameters } from './accountFacts';
import { deploymentPlan } from './deploymentPlan';
import { PREFLIGHT_ACTIONS } from './deployerRights';
import { parametersToRead, preflightFindings, type Verdict } from './preflightChecks';

export const HELP = `usage: npm run preflight -- [--config FILE] [--region REGION]

Reads the target account (the deployer's AWS credentials, as cdk deploy uses them) and says what a
deploy of the config would meet there, with the fix:
  - the functions' reserved concurrency against the account's Lambda concurrency quota
  - the CDK bootstrap version the templates need
  - the notification channels' secrets in SSM Parameter Store
  - the e-mail addresses that must confirm their subscription (and alarms no one would hear)
The rights it needs: ${PREFLIGHT_ACTIONS} (docs/deploy.md).

Options:
  --config FILE     the deploy config (default: hashwatch.config.json when present, else the defaults)
  --region REGION   the target region (default: AWS_REGION, AWS_DEFAULT_REGION or CDK_DEFAULT_REGION)
  -h, --help        this help

Exit: 0 every check passed; 1 a check failed or could not be made; 2 a bad option or config.`;

const MARK: Record<Verdict, string> = { ok: 'ok     ', fail: 'FAIL   ', unknown: 'UNKNOWN', note: 'note   ' };

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  let values: { config?: string; region?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { config: { type: 'string' }, region: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`preflight: ${(error as Error).message}; see npm run preflight -- --help`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const region =
    values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? process.env.CDK_DEFAULT_REGION;
  if (!region) {
    console.error('preflight: no region: pass --region or set AWS_REGION');
    return 2;
  }
  let config;
  try {
    ({ config } = loadHashwatchConfig({
      tryGetContext: (key) => (key === 'config' ? values.config : undefined),
      cwd: process.cwd(),
    }));
  } catch (error) {
    if (error instanceof HashwatchConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const plan = deploymentPlan(config, { region });
  const facts = {
    lambda: await readLambdaConcurrency(lambdaClient({ region })),
    parameters: await readParameters(
      ssmClient({ region }),
      parametersToRead(plan),
      new Set([plan.bootstrapVersionParameter]),
    ),
  };
  const findings = preflightFindings(plan, facts, region);
  console.log(`Hashwatch preflight for ${region}:`);
  for (const f of findings) {
    console.log(`  ${MARK[f.verdict]} ${f.check}: ${f.detail}`);
    if (f.fix && (f.verdict === 'fail' || f.verdict === 'unknown')) console.log(`          fix: ${f.fix}`);
  }
  const failed = findings.filter((f) => f.verdict === 'fail').length;
  const unknown = findings.filter((f) => f.verdict === 'unknown').length;
  if (failed + unknown === 0) {
    console.log('Every check passed: `npx cdk deploy --all` should meet none of these problems.');
    return 0;
  }
  console.log(`${failed} check(s) failed, ${unknown} could not be made: fix them before deploying.`);
  return 1;
}

runWhenEntryPoint(import.meta.url, main);
