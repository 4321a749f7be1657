import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { acknowledgementsOf } from '../../infra/nagChecks';
import { build } from './support';

const FULL_CONFIG = {
  alarmEmail: 'ops@example.com',
  subscriptions: [
    { email: 'miner@example.com', filter: { minSeverity: 'critical' as const } },
    { url: 'https://hooks.example.com/hw', filter: { signals: ['hashprice-floor' as const] } },
  ],
  calculator: { invokerPrincipalArns: ['arn:aws:iam::210987654321:role/analyst'] },
};

/** The packs infra/app.ts runs on every synth. */
const PACKS = [new AwsSolutionsChecks(), new ServerlessChecks()];

function violationsOf(scope: IConstruct): Array<{ ruleName: string; paths: Array<string | undefined> }> {
  return PACKS.flatMap((pack) => pack.validateScope(scope).violations).map((v) => ({
    ruleName: v.ruleName,
    paths: v.violatingResources.map((r) => (r as { constructPath?: string }).constructPath ?? r.resourceLogicalId),
  }));
}

describe('cdk-nag AwsSolutions and Serverless checks (v3 API)', () => {
  // Built while collecting (untimed): the first build loads most of aws-cdk-lib, slow on a busy machine.
  const defaults = build();
  const full = build(FULL_CONFIG);
  const awsManaged = build({ ...FULL_CONFIG, topicEncryption: 'aws-managed' });
  const customerKey = build({ ...FULL_CONFIG, topicEncryption: 'customer-managed' });
  const rotating = build({ topicEncryption: 'customer-managed', keyRotation: true });

  it('finds nothing unacknowledged with the defaults', () => {
    expect(violationsOf(defaults.app)).toEqual([]);
  });

  it('finds nothing unacknowledged with subscriptions, alarm e-mail and external invokers', () => {
    expect(violationsOf(full.app)).toEqual([]);
  });

  it("finds nothing unacknowledged with topicEncryption 'aws-managed' or 'customer-managed'", () => {
    expect(violationsOf(awsManaged.app)).toEqual([]);
    expect(violationsOf(customerKey.app)).toEqual([]);
  });

  it('is not blind: the same checks flag a queue without TLS enforcement or DLQ, in both packs', () => {
    const app = new App();
    new sqs.Queue(new Stack(app, 'Probe'), 'Bare');
    const rules = violationsOf(app).map((v) => v.ruleName);
    expect(rules).toContain('AwsSolutions-SQS3');
    expect(rules).toContain('AwsSolutions-SQS4');
    expect(rules).toContain('Serverless-SQSRedrivePolicy');
  });

  it('every acknowledgement is specific and carries a reason of substance', () => {
    const acks = acknowledgementsOf(awsManaged.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id).toMatch(/^(AwsSolutions-[A-Z]+\d+|Serverless-[A-Za-z]+)/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(60);
    }
    // Each IAM5 acknowledgement names the one resource it covers, not the whole rule: the
    // schedulers' `<ingest ARN>:*` and `<compute ARN>:*`, and X-Ray's '*' on each function role
    // (nothing else is on '*').
    const iam5 = acks.filter((a) => a.id.includes('IAM5'));
    expect(iam5.map((a) => a.id).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::*]',
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<Computation\w+\.Arn>:\*\]$/),
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<Ingestion\w+\.Arn>:\*\]$/),
    ]);
    expect(iam5.filter((a) => a.id.endsWith('[Resource::*]')).map((a) => a.path)).toEqual([
      expect.stringMatching(/Ingestion\/FunctionRole$/),
      expect.stringMatching(/Computation\/FunctionRole$/),
      expect.stringMatching(/Calculator\/FunctionRole$/),
      expect.stringMatching(/Api\/FunctionRole$/),
    ]);
  });

  it('acknowledges only these rules, each for a stated reason', () => {
    const acks = acknowledgementsOf(awsManaged.app);
    const rules = [...new Set(acks.map((a) => a.id.replace(/\[.*$/, '')))].sort();
    expect(rules).toEqual([
      'AwsSolutions-IAM5',
      'AwsSolutions-SNS2',
      'AwsSolutions-SQS3',
      'Serverless-LambdaAsyncFailureDestination',
      'Serverless-LambdaDLQ',
      'Serverless-SQSRedrivePolicy',
    ]);
    // SNS2 only in the aws-managed mode (the default), on the operations topic, saying why.
    const sns2 = acknowledgementsOf(defaults.app).filter((a) => a.id === 'AwsSolutions-SNS2');
    expect(sns2.map((a) => a.path)).toEqual([expect.stringMatching(/Alerting\/OperationsTopic$/)]);
    expect(sns2[0]!.reason).toMatch(/CloudWatch alarms cannot publish/);
    expect(acknowledgementsOf(customerKey.app).some((a) => a.id === 'AwsSolutions-SNS2')).toBe(false);
    // LambdaDLQ on each function, for its own reason; the async destination on the two scheduled ones.
    const dlq = acks.filter((a) => a.id === 'Serverless-LambdaDLQ').map((a) => a.path.split('/').at(-2));
    expect(dlq).toEqual(['Ingestion', 'Computation', 'Calculator', 'Api']);
    expect(
      acks.filter((a) => a.id === 'Serverless-LambdaAsyncFailureDestination').map((a) => a.path.split('/').at(-2)),
    ).toEqual(['Ingestion', 'Computation']);
    // KMS5 (no key rotation) only while keyRotation is off, on the key, saying what it saves.
    const kms5 = acknowledgementsOf(customerKey.app).filter((a) => a.id === 'AwsSolutions-KMS5');
    expect(kms5.map((a) => a.path)).toEqual([expect.stringMatching(/Alerting\/TopicKey$/)]);
    expect(kms5[0]!.reason).toMatch(/\$1\/month for each of the first two rotations/);
    expect(acknowledgementsOf(rotating.app).some((a) => a.id === 'AwsSolutions-KMS5')).toBe(false);
    expect(violationsOf(rotating.app)).toEqual([]);
  });
});
