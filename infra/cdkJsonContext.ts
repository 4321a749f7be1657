/**
 * The context of cdk.json (the CDK feature flags, at their recommended values), for the places
 * that build the app without the CDK CLI: the tests, the cost model and the deployed-artifact
 * test. The CLI passes exactly this context to infra/app.ts, so the templates they see are the
 * ones `cdk deploy` would deploy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './constructs/functionEntries';

export const CDK_JSON_CONTEXT: Readonly<Record<string, unknown>> = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;
