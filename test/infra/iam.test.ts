/**
 * No wildcard actions on the table, the topics or the key, anywhere: identity policies of every
 * role, and the resource policies of key, topics and queues. The one exception is the key's
 * default administrator statement (account root, kms:*), without which a key becomes unmanageable.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { HashwatchConfigInput } from '../../infra/config/hashwatchConfig';
import { build } from './support';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
}
interface Found {
  where: string;
  statement: Statement;
}

function statementsOf(template: Template, stackName: string): Found[] {
  const found: Found[] = [];
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> & { Policies?: Array<{ PolicyDocument: unknown }> } }
  >;
  for (const [id, resource] of Object.entries(resources)) {
    const documents: unknown[] = [];
    if (resource.Type === 'AWS::IAM::Policy') documents.push(resource.Properties.PolicyDocument);
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of resource.Properties.Policies ?? []) documents.push(policy.PolicyDocument);
    }
    if (resource.Type === 'AWS::KMS::Key') documents.push(resource.Properties.KeyPolicy);
    if (['AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy'].includes(resource.Type))
      documents.push(resource.Properties.PolicyDocument);
    for (const document of documents as Array<{ Statement: Statement[] }>) {
      for (const statement of document.Statement) found.push({ where: `${stackName}/${id}`, statement });
    }
  }
  return found;
}

const GUARDED_SERVICES = ['dynamodb:', 'sns:', 'kms:'];

/** An Allow with a wildcard action on a guarded service, other than the key's root administrator. */
function isWildcardOffender(statement: Statement): boolean {
  if (statement.Effect !== 'Allow') return false;
  const actions = [statement.Action].flat();
  const wildcard = actions.some((a) => a === '*' || (GUARDED_SERVICES.some((s) => a.startsWith(s)) && a.includes('*')));
  const isKeyAdministrator =
    actions.length === 1 && actions[0] === 'kms:*' && JSON.stringify(statement.Principal).includes(':root');
  return wildcard && !isKeyAdministrator;
}

describe('IAM: no wildcard actions on the table, topics or key', () => {
  const cases: Array<[string, HashwatchConfigInput]> = [
    ['defaults', {}],
    ['with subscriptions', { alarmEmail: 'ops@example.com', subscriptions: [{ url: 'https://hooks.example.com/x' }] }],
    ['customer-managed topic key', { topicEncryption: 'customer-managed' }],
  ];
  // Built while collecting (untimed): the first build loads most of aws-cdk-lib, slow on a busy machine.
  const built = cases.map(([label, config]) => [label, build(config)] as const);
  const withSubscription = build({ subscriptions: [{ email: 'a@example.com' }] });
  for (const [label, { stateful$, stateless$ }] of built) {
    it(`has none (${label})`, () => {
      const all = [...statementsOf(stateful$, 'Stateful'), ...statementsOf(stateless$, 'Stateless')];
      expect(all.length).toBeGreaterThan(10);
      const offenders = all.filter(({ statement }) => isWildcardOffender(statement));
      expect(offenders).toEqual([]);
    });
  }

  it("gives no role an identity statement on Resource '*', but X-Ray's two tracing actions (which have no resources)", () => {
    const { stateful$, stateless$ } = withSubscription;
    const identity = [...statementsOf(stateful$, 'Stateful'), ...statementsOf(stateless$, 'Stateless')].filter(
      (f) => f.statement.Principal === undefined,
    );
    expect(identity.length).toBeGreaterThan(5);
    const onEverything = identity.filter((f) => JSON.stringify(f.statement.Resource) === '"*"');
    expect(onEverything.map((f) => [f.statement.Action].flat().sort())).toEqual(
      // One a function: ingest, compute, calculator, api.
      Array.from({ length: 4 }, () => ['xray:PutTelemetryRecords', 'xray:PutTraceSegments']),
    );
  });

  it('would notice a wildcard: the check flags dynamodb:*, sns:Pub*, a bare *, and kms:* for anyone but root', () => {
    expect(isWildcardOffender({ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:*'] })).toBe(true);
    expect(isWildcardOffender({ Effect: 'Allow', Action: 'sns:Pub*' })).toBe(true);
    expect(isWildcardOffender({ Effect: 'Allow', Action: '*' })).toBe(true);
    expect(
      isWildcardOffender({ Effect: 'Allow', Action: 'kms:*', Principal: { AWS: 'arn:aws:iam::123456789012:role/x' } }),
    ).toBe(true);
    expect(
      isWildcardOffender({ Effect: 'Allow', Action: 'kms:*', Principal: { AWS: 'arn:aws:iam::123456789012:root' } }),
    ).toBe(false);
    expect(isWildcardOffender({ Effect: 'Deny', Action: 'dynamodb:*' })).toBe(false);
    expect(isWildcardOffender({ Effect: 'Allow', Action: ['dynamodb:GetItem', 'sns:Publish'] })).toBe(false);
  });
});
