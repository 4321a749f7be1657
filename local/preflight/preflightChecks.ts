/**
 * The preflight's verdicts: what a deploy of this config into this account would meet, said
 * plainly with the fix. Pure: the plan (from the synthesized templates) and the account's facts
 * in, findings out. A fact that could not be read gives `unknown` with the reason, never `ok`.
 */
import { TOPIC_DISPLAY_NAMES } from '../../infra/constructs/alerting';
import type { AccountFacts } from './accountFacts';
import type { DeploymentPlan } from './deploymentPlan';

/** `note`: something to know that no check decides (the deploy meets it either way). */
export type Verdict = 'ok' | 'fail' | 'unknown' | 'note';

export interface Finding {
  verdict: Verdict;
  check: string;
  detail: string;
  /** What to do, for `fail` and `unknown`. */
  fix?: string;
}

/**
 * Lambda leaves at least this much of the account's concurrency unreserved ("You can reserve
 * concurrency for as many functions as you like, as long as you leave at least 100 simultaneous
 * executions unreserved": PutFunctionConcurrency, AWS Lambda API reference).
 */
export const LAMBDA_MINIMUM_UNRESERVED = 100;

/**
 * Nothing reserved (the default) always deploys. The ceiling a reservation gave the calculator is
 * opt-in: callers are already limited to IAM principals the config names (the Function URL is
 * AWS_IAM), and the finding says whether this account could give a ceiling and up to how much.
 */
function noReservationFinding(facts: AccountFacts): Finding {
  const check = 'Lambda reserved concurrency';
  const base =
    'no function reserves concurrency, so none can be refused; the calculator shares the unreserved pool with ingest and compute (its callers are the IAM principals of calculator.invokerPrincipalArns)';
  if (!facts.lambda.known)
    return { verdict: 'ok', check, detail: `${base}; the account's quota could not be read: ${facts.lambda.reason}` };
  const { accountConcurrency, unreservedConcurrency } = facts.lambda.value;
  const reservable = unreservedConcurrency - LAMBDA_MINIMUM_UNRESERVED;
  return {
    verdict: 'ok',
    check,
    detail:
      reservable >= 1
        ? `${base}. This account (${unreservedConcurrency} of ${accountConcurrency} unreserved) could give the calculator a ceiling: "calculator": {"reservedConcurrency": N} with N from 1 to ${reservable}`
        : `${base}. This account (${unreservedConcurrency} of ${accountConcurrency} unreserved) could not give it a ceiling: Lambda keeps ${LAMBDA_MINIMUM_UNRESERVED} unreserved`,
  };
}

function reservationFindings(plan: DeploymentPlan, facts: AccountFacts): Finding[] {
  const reserved = plan.reservations.reduce((sum, r) => sum + r.reservedConcurrentExecutions, 0);
  const check = 'Lambda reserved concurrency';
  if (reserved === 0) return [noReservationFinding(facts)];
  const what = plan.reservations.map((r) => `${r.logicalId} ${r.reservedConcurrentExecutions}`).join(', ');
  if (!facts.lambda.known)
    return [
      {
        verdict: 'unknown',
        check,
        detail: `the templates reserve ${reserved} (${what}); the account's concurrency could not be read: ${facts.lambda.reason}`,
        fix: 'give the deployer lambda:GetAccountSettings, or check the quota in the Service Quotas console (AWS Lambda, Concurrent executions)',
      },
    ];
  const { accountConcurrency, unreservedConcurrency } = facts.lambda.value;
  const reservable = unreservedConcurrency - LAMBDA_MINIMUM_UNRESERVED;
  if (reserved <= reservable)
    return [
      {
        verdict: 'ok',
        check,
        detail: `the templates reserve ${reserved} (${what}); the account has ${unreservedConcurrency} of ${accountConcurrency} unreserved, ${reservable} reservable`,
      },
    ];
  return [
    {
      verdict: 'fail',
      check,
      detail:
        `the templates reserve ${reserved} (${what}), but Lambda keeps ${LAMBDA_MINIMUM_UNRESERVED} of the account's concurrency unreserved ` +
        `and this account has ${unreservedConcurrency} of ${accountConcurrency} unreserved (${Math.max(0, reservable)} reservable): ` +
        `CloudFormation would fail with "decreases account's UnreservedConcurrentExecution below its minimum value"`,
      fix:
        'set "calculator": {"reservedConcurrency": false} in hashwatch.config.json (the default), or ask for a higher ' +
        `"Concurrent executions" quota (at least ${reserved + LAMBDA_MINIMUM_UNRESERVED + (accountConcurrency - unreservedConcurrency)}) in the Service Quotas console. ` +
        '(If Hashwatch is already deployed with a reservation, that reservation is already counted as used here.)',
    },
  ];
}

function bootstrapFindings(plan: DeploymentPlan, facts: AccountFacts): Finding[] {
  const check = 'CDK bootstrap';
  const fact = facts.parameters.get(plan.bootstrapVersionParameter);
  const bootstrap = 'run `npx cdk bootstrap aws://<account>/<region>` with the deployer credentials';
  if (!fact || !fact.known)
    return [
      {
        verdict: 'unknown',
        check,
        detail: `${plan.bootstrapVersionParameter} could not be read: ${fact && !fact.known ? fact.reason : 'not asked'}`,
        fix: `give the deployer ssm:GetParameters on ${plan.bootstrapVersionParameter}`,
      },
    ];
  if (!fact.value.exists)
    return [
      {
        verdict: 'fail',
        check,
        detail: `${plan.bootstrapVersionParameter} does not exist: the environment is not bootstrapped`,
        fix: bootstrap,
      },
    ];
  const version = Number(fact.value.value);
  if (!Number.isInteger(version) || version < plan.minimumBootstrapVersion)
    return [
      {
        verdict: 'fail',
        check,
        detail: `bootstrap version ${fact.value.value ?? '(empty)'}; the templates need ${plan.minimumBootstrapVersion} or later`,
        fix: bootstrap,
      },
    ];
  return [
    {
      verdict: 'ok',
      check,
      detail: `bootstrap version ${version} (the templates need ${plan.minimumBootstrapVersion} or later)`,
    },
  ];
}

function secretFindings(plan: DeploymentPlan, facts: AccountFacts, region: string): Finding[] {
  return plan.secretParameters.map(({ field, name }) => {
    const check = `secret ${field}`;
    const fact = facts.parameters.get(name);
    if (!fact || !fact.known)
      return {
        verdict: 'unknown' as const,
        check,
        detail: `${name} could not be read: ${fact && !fact.known ? fact.reason : 'not asked'}`,
        fix: `give the deployer ssm:GetParameters on ${name}`,
      };
    if (!fact.value.exists)
      return {
        verdict: 'fail' as const,
        check,
        detail: `${name} does not exist in ${region}: the notifier could not deliver to this channel`,
        fix: `aws ssm put-parameter --region ${region} --name ${name} --type SecureString --value '<the secret>' (docs/notifications.md)`,
      };
    return { verdict: 'ok' as const, check, detail: `${name} exists` };
  });
}

/**
 * E-mail subscriptions deploy whatever the account, but deliver nothing until each address
 * confirms (a link valid 3 days, not re-sent by a redeploy); alarms with no e-mail address reach
 * no one unless something else subscribes to the operations topic. Said before the deploy, from
 * the templates, so that a silent first week is not taken for a quiet one.
 */
function emailFindings(plan: DeploymentPlan): Finding[] {
  const check = 'e-mail subscriptions';
  const operations = plan.emailSubscriptions.filter((s) => s.topic === TOPIC_DISPLAY_NAMES.operations);
  const noAlarmEmail =
    operations.length === 0
      ? ' No alarmEmail in the config: the alarms reach only what you subscribe to the operations topic yourself.'
      : '';
  if (plan.emailSubscriptions.length === 0)
    return [{ verdict: 'note', check, detail: `none in the templates.${noAlarmEmail}` }];
  const list = plan.emailSubscriptions.map((s) => `${s.address} (${s.topic})`).join(', ');
  return [
    {
      verdict: 'note',
      check,
      detail:
        `${list}: each receives "AWS Notification - Subscription Confirmation" after the deploy and gets nothing until ` +
        `its link is clicked (valid 3 days; a redeploy sends no new one: docs/deploy.md, section 4).${noAlarmEmail}`,
    },
  ];
}

export function preflightFindings(plan: DeploymentPlan, facts: AccountFacts, region: string): Finding[] {
  return [
    ...reservationFindings(plan, facts),
    ...bootstrapFindings(plan, facts),
    ...secretFindings(plan, facts, region),
    ...emailFindings(plan),
  ];
}

/** The parameter names the preflight must ask SSM about. */
export function parametersToRead(plan: DeploymentPlan): string[] {
  return [plan.bootstrapVersionParameter, ...plan.secretParameters.map((s) => s.name)];
}
