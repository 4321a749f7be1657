/**
 * A dead-letter queue as Hashwatch wants every one: encrypted (SQS-managed keys, free, and usable
 * by SNS, Lambda and EventBridge Scheduler without key-policy work), TLS only, kept for the
 * 14-day maximum, and retained when the stack is deleted, because its messages are the evidence.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export function createDeadLetterQueue(scope: Construct, id: string, whatLandsHere: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const reason = `This queue is itself a dead-letter queue (${whatLandsHere}); a DLQ of a DLQ would only move the problem. Its depth is alarmed.`;
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason });
  // The Serverless pack's name for the same finding (no redrive policy of its own).
  Validations.of(queue).acknowledge({ id: 'Serverless-SQSRedrivePolicy', reason });
  return queue;
}
