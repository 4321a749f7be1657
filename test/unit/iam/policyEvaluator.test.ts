/**
 * The IAM evaluator on the roles of the real synthesized template (test/support/iam): each case
 * takes its statements, ARNs and parameter names from the template, not from constants, and
 * checks the decision and, through the SDK middleware, the error the SDK raises.
 */
import { DynamoDBClient, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  AWS_SSM_MANAGED_KEY_ID,
  keyArn,
  parameterArn,
  requiredAuthorizations,
  tableArn,
} from '../../support/iam/authorizations';
import { attachIamRole } from '../../support/iam/iamMiddleware';
import { assertNoUnexpectedDenials, deployedRole, makeRole } from '../../support/iam/iamRole';
import { evaluate, iamMatches, type ResolvedStatement } from '../../support/iam/policyEvaluator';
import { IAM_TEST_NOTIFICATIONS } from '../../support/iam/synthesizedTemplate';

const TABLE = 'hashwatch-iam-unit';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:hashwatch-alerts';
const compute = deployedRole('compute', { tableName: TABLE, alertsTopicArn: TOPIC });
const notifier = deployedRole('notifier', { tableName: TABLE });
const scope = compute.scope;
const table = tableArn(scope, TABLE);
/** The parameters the config names, as the notifier reads them. */
const parameterNames = IAM_TEST_NOTIFICATIONS.flatMap((c) =>
  Object.entries(c)
    .filter(([k]) => k.endsWith('Parameter'))
    .map(([, v]) => String(v)),
);
const statementWith = (statements: readonly ResolvedStatement[], action: string): ResolvedStatement => {
  const found = statements.find((s) => s.effect === 'Allow' && s.actions?.includes(action));
  if (!found) throw new Error(`no statement grants ${action}`);
  return found;
};
const decide = (
  statements: readonly ResolvedStatement[],
  service: Parameters<typeof requiredAuthorizations>[0],
  operation: string,
  input: Record<string, unknown>,
) => requiredAuthorizations(service, operation, input, scope).map((r) => ({ ...r, decision: evaluate(statements, r) }));

/** A client that would never reach anything: every allowed call fails to connect. */
const unreachable = {
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:9',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  maxAttempts: 3,
};

describe('the IAM evaluator on the synthesized roles', () => {
  it('resolves the template: the compute role is granted its table actions on the stand-in table ARN and Publish on the alerts topic', () => {
    expect(statementWith(compute.statements(), 'dynamodb:Query').resources).toEqual([table]);
    expect(statementWith(compute.statements(), 'sns:Publish').resources).toEqual([TOPIC]);
  });

  it('a call no statement matches is refused with "no-allow"; a granted one is allowed', () => {
    const statements = compute.statements();
    const get = decide(statements, 'dynamodb', 'Query', { TableName: TABLE });
    expect(get.map((r) => r.decision.allowed)).toEqual([true]);
    const otherTable = decide(statements, 'dynamodb', 'Query', { TableName: `${TABLE}-other` });
    expect(otherTable[0]!.decision).toEqual({ allowed: false, reason: 'no-allow' });
    const otherTopic = decide(statements, 'sns', 'Publish', { TopicArn: `${TOPIC}-other`, Message: 'm' });
    expect(otherTopic[0]!.decision).toEqual({ allowed: false, reason: 'no-allow' });
  });

  it('an index is its own resource: the table ARN does not cover table/x/index/y, table/x/index/* does', () => {
    const granted = statementWith(compute.statements(), 'dynamodb:Query');
    const query = { TableName: TABLE, IndexName: 'byEntity' };
    expect(decide([granted], 'dynamodb', 'Query', query)[0]!.resource).toBe(`${table}/index/byEntity`);
    expect(decide([granted], 'dynamodb', 'Query', query)[0]!.decision.allowed).toBe(false);
    const withIndexes = { ...granted, resources: [...granted.resources!, `${granted.resources![0]}/index/*`] };
    expect(decide([withIndexes], 'dynamodb', 'Query', query)[0]!.decision.allowed).toBe(true);
  });

  it('wildcards: * and ? in actions (case-insensitive) and resources (case-sensitive)', () => {
    expect(iamMatches('dynamodb:Get*', 'dynamodb:getitem', true)).toBe(true);
    expect(iamMatches('dynamodb:?etItem', 'dynamodb:GetItem', true)).toBe(true);
    expect(iamMatches(`${table.slice(0, -3)}*`, table)).toBe(true);
    expect(iamMatches(table.toUpperCase(), table)).toBe(false);
    const everyRead: ResolvedStatement = {
      effect: 'Allow',
      actions: ['dynamodb:Get*'],
      resources: [table.replace(TABLE, '*')],
    };
    expect(decide([everyRead], 'dynamodb', 'GetItem', { TableName: TABLE })[0]!.decision.allowed).toBe(true);
    expect(decide([everyRead], 'dynamodb', 'PutItem', { TableName: TABLE })[0]!.decision.allowed).toBe(false);
  });

  it('an explicit Deny wins over the Allow that grants the same action', () => {
    const granted = statementWith(compute.statements(), 'dynamodb:PutItem');
    const deny: ResolvedStatement = { ...granted, effect: 'Deny', actions: ['dynamodb:PutItem'] };
    const [put] = decide([...compute.statements(), deny], 'dynamodb', 'PutItem', { TableName: TABLE });
    expect(put!.decision).toMatchObject({ allowed: false, reason: 'explicit-deny' });
  });

  it('a transaction is judged item by item: one item of an ungranted kind refuses it all', () => {
    const item = { TableName: TABLE, Key: { pk: { S: 'a' } } };
    const putAndUpdate = decide(compute.statements(), 'dynamodb', 'TransactWriteItems', {
      TransactItems: [{ Put: { TableName: TABLE, Item: { pk: { S: 'a' } } } }, { Update: item }],
    });
    expect(putAndUpdate.map((r) => [r.action, r.decision.allowed])).toEqual([
      ['dynamodb:PutItem', true],
      ['dynamodb:UpdateItem', true],
    ]);
    const withCheck = decide(compute.statements(), 'dynamodb', 'TransactWriteItems', {
      TransactItems: [{ Put: { TableName: TABLE, Item: { pk: { S: 'a' } } } }, { ConditionCheck: item }],
    });
    expect(withCheck.map((r) => [r.action, r.decision.allowed])).toEqual([
      ['dynamodb:PutItem', true],
      ['dynamodb:ConditionCheckItem', false],
    ]);
  });

  it("conditions: the notifier may decrypt through SSM exactly the configured parameters (Parameter Store's encryption context)", () => {
    const statements = notifier.statements();
    const kmsStatement = statementWith(statements, 'kms:Decrypt');
    expect(Object.keys(kmsStatement.conditions ?? {})).toEqual(['StringEquals']);
    for (const name of parameterNames) {
      const read = decide(statements, 'ssm', 'GetParameter', { Name: name, WithDecryption: true });
      expect(read.map((r) => [r.action, r.decision.allowed])).toEqual([
        ['ssm:GetParameter', true],
        ['kms:Decrypt', true],
      ]);
    }
    // The same key, asked directly (no kms:ViaService) or for another parameter's context: refused.
    const key = keyArn(scope, AWS_SSM_MANAGED_KEY_ID);
    const direct = evaluate(statements, {
      action: 'kms:Decrypt',
      resource: key,
      context: { 'kms:EncryptionContext:PARAMETER_ARN': parameterArn(scope, parameterNames[0]!) },
    });
    expect(direct.allowed).toBe(false);
    const other = evaluate(statements, {
      action: 'kms:Decrypt',
      resource: key,
      context: {
        'kms:ViaService': `ssm.${scope.region}.amazonaws.com`,
        'kms:EncryptionContext:PARAMETER_ARN': parameterArn(scope, '/hashwatch/other'),
      },
    });
    expect(other.allowed).toBe(false);
    // A missing key fails a positive operator, satisfies a negated one, and ...IfExists passes it.
    const onKey = (operator: string): ResolvedStatement => ({
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: [key],
      conditions: { [operator]: { 'kms:ViaService': ['x'] } },
    });
    const noContext = { action: 'kms:Decrypt', resource: key };
    expect(evaluate([onKey('StringEquals')], noContext).allowed).toBe(false);
    expect(evaluate([onKey('StringNotEquals')], noContext).allowed).toBe(true);
    expect(evaluate([onKey('StringEqualsIfExists')], noContext).allowed).toBe(true);
    expect(() => evaluate([onKey('NumericLessThan')], noContext)).toThrow(/NumericLessThan is not evaluated/);
  });

  it('records what a role sent, and the run-wide check fails on a refusal the test did not expect', () => {
    const role = makeRole('compute', { principalArn: compute.principalArn, granted: [...compute.statements()] });
    role.judge('dynamodb', 'Scan', { action: 'dynamodb:Scan', resource: table });
    expect(() => assertNoUnexpectedDenials()).toThrow(/compute: dynamodb:Scan on .*table\/hashwatch-iam-unit \(Scan\)/);
    const expecting = makeRole('compute', { principalArn: compute.principalArn, granted: [...compute.statements()] });
    expecting.expectDenials('dynamodb:Scan');
    expecting.judge('dynamodb', 'Scan', { action: 'dynamodb:Scan', resource: table });
    expect(() => assertNoUnexpectedDenials()).not.toThrow();
  });
});

describe('the middleware: a refused call fails as AWS fails it', () => {
  it("DynamoDB: AccessDeniedException, a client fault, HTTP 400, one attempt (not retried), IAM's message", async () => {
    const role = makeRole('compute', { principalArn: compute.principalArn, granted: [...compute.statements()] });
    role.expectDenials('dynamodb:Scan');
    const client = attachIamRole(new DynamoDBClient(unreachable), role);
    const error = (await client.send(new ScanCommand({ TableName: TABLE })).catch((e: unknown) => e)) as Error & {
      $fault: string;
      $metadata: { httpStatusCode: number; attempts: number };
    };
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$fault).toBe('client');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    expect(error.message).toBe(
      `User: ${role.principalArn} is not authorized to perform: dynamodb:Scan on resource: ${table} because no identity-based policy allows the dynamodb:Scan action`,
    );
    expect(role.principalArn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/[^/]+\/[^/]+$/);
    // An allowed call goes on to the network (here: nothing listens).
    const allowed = await client
      .send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'a' } },
        }),
      )
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(allowed?.name).toBeDefined();
    expect(allowed?.name).not.toBe('AccessDeniedException');
    client.destroy();
  });

  it('lib-dynamodb document commands go through the same stack; a transaction is refused for its ungranted item', async () => {
    const role = makeRole('compute', { principalArn: compute.principalArn, granted: [...compute.statements()] });
    role.expectDenials('dynamodb:ConditionCheckItem');
    const client = attachIamRole(new DynamoDBClient(unreachable), role);
    const error = (await DynamoDBDocumentClient.from(client)
      .send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { pk: 'a' } } },
            { ConditionCheck: { TableName: TABLE, Key: { pk: 'b' }, ConditionExpression: 'attribute_exists(pk)' } },
          ],
        }),
      )
      .catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain('dynamodb:ConditionCheckItem');
    client.destroy();
  });

  it('SSM: an unconfigured parameter is AccessDeniedException; SNS: a topic not granted is AuthorizationError (403)', async () => {
    const role = makeRole('notifier', { principalArn: notifier.principalArn, granted: [...notifier.statements()] });
    role.expectDenials('ssm:GetParameter', 'sns:Publish');
    const ssm = attachIamRole(new SSMClient(unreachable), role);
    const ssmError = (await ssm
      .send(new GetParameterCommand({ Name: '/hashwatch/not-configured', WithDecryption: true }))
      .catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
    expect([ssmError.name, ssmError.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 400]);
    expect(ssmError.message).toContain(
      `ssm:GetParameter on resource: ${parameterArn(scope, '/hashwatch/not-configured')}`,
    );
    const sns = attachIamRole(new SNSClient(unreachable), role);
    const snsError = (await sns
      .send(new PublishCommand({ TopicArn: TOPIC, Message: 'm' }))
      .catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
    expect([snsError.name, snsError.$metadata.httpStatusCode]).toEqual(['AuthorizationErrorException', 403]);
    expect(snsError.message).toContain('is not authorized to perform: SNS:Publish on resource:');
    ssm.destroy();
    sns.destroy();
    assertNoUnexpectedDenials();
  });
});
