/**
 * The cdk-nag summary `npm run synth` prints at its end (infra/nagChecks.ts): the open findings,
 * and every acknowledgement with its reason, where it sits and how many findings it silenced.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { acknowledgementsOf, nagSummary, runNag } from '../../infra/nagChecks';
import { build } from './support';

describe('the cdk-nag summary of a synth', () => {
  // Built while collecting (untimed), as in nag.test.ts.
  const defaults = build();
  const customerKey = build({ topicEncryption: 'customer-managed', alarmEmail: 'ops@example.com' });

  it('lists every acknowledgement of the app with its rule, its construct and its reason; no finding open', () => {
    for (const built of [defaults, customerKey]) {
      const result = runNag(built.app);
      const summary = nagSummary(result);
      expect(result.open).toEqual([]);
      expect(summary.split('\n')[0]).toMatch(
        /^cdk-nag \(AwsSolutions, Serverless\): 0 open finding\(s\), \d+ acknowledged by \d+ acknowledgement\(s\):$/,
      );
      const acks = acknowledgementsOf(built.app);
      expect(acks.length).toBeGreaterThan(0);
      expect(result.acknowledgements).toHaveLength(acks.length);
      for (const ack of acks) {
        // The rule, then the construct it was made on, on one line; its reason on the next.
        const line = summary.split('\n').findIndex((l) => l.startsWith(`  ${ack.id} on `) && l.includes(ack.path));
        expect(line, `${ack.id} on ${ack.path}`).toBeGreaterThan(0);
        expect(summary.split('\n')[line + 1]).toBe(`      reason: ${ack.reason}`);
      }
    }
  });

  it('counts the findings each acknowledgement silenced, and marks one that silences nothing', () => {
    const result = runNag(defaults.app);
    const xray = result.acknowledgements.filter((a) => a.id === 'AwsSolutions-IAM5[Resource::*]');
    expect(xray.map((a) => a.silenced)).toEqual([1, 1, 1, 1]);
    // cdk-nag 3's AwsSolutions pack has no SNS2 rule (its SNS rule is SNS3): the operations
    // topic's acknowledgement of it is kept, and the summary shows that it silences nothing.
    expect(result.acknowledgements.filter((a) => a.silenced === 0).map((a) => a.id)).toEqual(['AwsSolutions-SNS2']);
    expect(nagSummary(result)).toMatch(/AwsSolutions-SNS2 on \S+\/Alerting\/OperationsTopic \(silences nothing\)/);
  });

  it('is not blind: an open finding is listed, and an acknowledgement silencing it is counted', () => {
    const app = new App();
    const stack = new Stack(app, 'Probe');
    new sqs.Queue(stack, 'Bare');
    const open = runNag(app);
    expect(open.open).toContain('AwsSolutions-SQS3 at Probe/Bare/Resource');
    expect(nagSummary(open)).toContain('  OPEN AwsSolutions-SQS4 at Probe/Bare/Resource');

    const acknowledged = new App();
    const queue = new sqs.Queue(new Stack(acknowledged, 'Probe'), 'Bare');
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'a probe queue that is its own dead-letter queue',
    });
    const result = runNag(acknowledged);
    expect(result.open).not.toContain('AwsSolutions-SQS3 at Probe/Bare/Resource');
    expect(result.acknowledgements).toEqual([
      {
        path: 'Probe/Bare',
        id: 'AwsSolutions-SQS3',
        reason: 'a probe queue that is its own dead-letter queue',
        silenced: 1,
      },
    ]);
  });
});
