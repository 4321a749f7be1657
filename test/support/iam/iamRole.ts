/**
 * A deployed function's role, as the synthesized template grants it, resolved to the local
 * stand-ins a test runs against (its DynamoDB Local table, its SNS topic ARN), that judges each
 * request as IAM would and records it: the requests sent (for the "unused grant" check after a run)
 * and the ones refused. Every role made here is registered, so that a test-run hook
 * (assertNoUnexpectedDenials) fails a test whose code met a refusal it did not expect, even
 * when the code swallowed the error.
 */
import type { HashwatchConfigInput } from '../../../infra/config/hashwatchConfig';
import type { ArnScope, AwsService } from './authorizations';
import {
  evaluate,
  iamMatches,
  resolveStatement,
  type Authorization,
  type Decision,
  type ResolvedStatement,
} from './policyEvaluator';
import { STAND_IN_ACCOUNT, STAND_IN_REGION, TemplateResolver, type StackTemplate } from './standIns';
import { synthesizedStacks } from './synthesizedTemplate';
import { functionRoles, roleStatements } from './templateRoles';

export type FunctionService = 'ingest' | 'compute' | 'calculator' | 'api' | 'notifier' | 'power';

export interface JudgedRequest extends Authorization {
  service: AwsService;
  operation: string;
  decision: Decision;
}

export interface IamRole {
  service: FunctionService;
  /** arn:aws:sts::<account>:assumed-role/<role name>/<function name>: who AWS says was refused. */
  principalArn: string;
  scope: ArnScope;
  statements(): readonly ResolvedStatement[];
  /** IAM's decision, recorded. */
  judge(service: AwsService, operation: string, request: Authorization): Decision;
  /** Every request judged, in order. */
  requests(): JudgedRequest[];
  /** The refused requests that no expectDenials pattern covers. */
  unexpectedDenials(): JudgedRequest[];
  denials(): JudgedRequest[];
  /** Removes an action from every Allow statement (a grant revoked), until restore(). */
  revoke(action: string): void;
  restore(): void;
  /** Refusals of these actions are what the test is about: the run-wide check passes them. */
  expectDenials(...actions: string[]): void;
}

export interface RoleStandIns {
  /** The DynamoDB Local table that stands for the app's table. */
  tableName: string;
  /** The ARN the test publishes alerts to (stands for the alerts topic that compute publishes to). */
  alertsTopicArn?: string;
  /** The config the template is synthesized with (default: IAM_TEST_CONFIG). */
  config?: HashwatchConfigInput;
}

const registry = new Set<IamRole>();

/** The topic the compute function's TOPIC_ARN names (through the stacks' exports). */
function alertsTopicLogicalId(stacks: readonly StackTemplate[], resolver: TemplateResolver): string | undefined {
  for (const stack of stacks) {
    for (const fn of functionRoles(stack.template)) {
      if (fn.service !== 'compute' || fn.environment.TOPIC_ARN === undefined) continue;
      const resolved = resolver.resolveString(fn.environment.TOPIC_ARN, stack);
      return resolved.split(':').at(-1);
    }
  }
  return undefined;
}

/** The role `service` runs with in the synthesized template, resolved to `standIns`. */
export function deployedRole(service: FunctionService, standIns: RoleStandIns): IamRole {
  const stacks = synthesizedStacks(standIns.config);
  const table = {
    tableName: standIns.tableName,
    streamArn: `arn:aws:dynamodb:${STAND_IN_REGION}:${STAND_IN_ACCOUNT}:table/${standIns.tableName}/stream/local`,
  };
  const plain = new TemplateResolver({ stacks }, { table });
  const topicId = standIns.alertsTopicArn ? alertsTopicLogicalId(stacks, plain) : undefined;
  const resolver = new TemplateResolver(
    { stacks },
    { table, topicArns: topicId && standIns.alertsTopicArn ? { [topicId]: standIns.alertsTopicArn } : {} },
  );
  for (const stack of stacks) {
    const fn = functionRoles(stack.template).find((f) => f.service === service);
    if (!fn) continue;
    const granted = roleStatements(stack.template, fn.roleLogicalId).map((s) =>
      resolveStatement(s, (v) => resolver.resolve(v, stack)),
    );
    return makeRole(service, {
      principalArn: `arn:aws:sts::${STAND_IN_ACCOUNT}:assumed-role/${stack.stackName}-${fn.roleLogicalId}/${stack.stackName}-${fn.functionLogicalId}`,
      granted,
    });
  }
  throw new Error(`no function of the synthesized app has POWERTOOLS_SERVICE_NAME=${service}`);
}

/** A role from statements given directly (the evaluator's own tests; an ad-hoc principal). */
export function makeRole(
  service: FunctionService,
  options: { principalArn: string; granted: ResolvedStatement[]; scope?: ArnScope },
): IamRole {
  const requests: JudgedRequest[] = [];
  const revoked = new Set<string>();
  const expected = new Set<string>();
  const current = (): ResolvedStatement[] =>
    options.granted.map((s) =>
      s.effect === 'Allow' && s.actions && revoked.size > 0
        ? { ...s, actions: s.actions.filter((a) => ![...revoked].some((r) => iamMatches(r, a, true))) }
        : s,
    );
  const isExpected = (r: JudgedRequest) => [...expected].some((a) => iamMatches(a, r.action, true));
  const role: IamRole = {
    service,
    principalArn: options.principalArn,
    scope: options.scope ?? { region: STAND_IN_REGION, account: STAND_IN_ACCOUNT },
    statements: current,
    judge(awsService, operation, request) {
      const decision = evaluate(current(), request);
      requests.push({ ...request, service: awsService, operation, decision });
      return decision;
    },
    requests: () => [...requests],
    denials: () => requests.filter((r) => !r.decision.allowed),
    unexpectedDenials: () => requests.filter((r) => !r.decision.allowed && !isExpected(r)),
    revoke: (action) => void revoked.add(action),
    restore: () => revoked.clear(),
    expectDenials: (...actions) => actions.forEach((a) => expected.add(a)),
  };
  registry.add(role);
  return role;
}

/**
 * Throws when any role made in this test file met a refusal it did not expect, then forgets the
 * requests seen so far (call it after each test: test/support/iam/iamTestHooks.ts does).
 */
export function assertNoUnexpectedDenials(): void {
  const found = [...registry].flatMap((role) =>
    role.unexpectedDenials().map((r) => `${role.service}: ${r.action} on ${r.resource} (${r.operation})`),
  );
  registry.clear();
  if (found.length > 0) {
    throw new Error(
      `the deployed role would refuse ${found.length} call(s) this test made:\n  ${found.join('\n  ')}\n` +
        'grant what the code sends (infra/constructs/functionGrants.ts), or expect the refusal (role.expectDenials)',
    );
  }
}
