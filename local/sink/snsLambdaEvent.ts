/**
 * The event Lambda receives from an SNS subscription (one record, `Sns` with the message of the
 * `lambda` key, the attributes as { Type, Value }), built from the same PublishCommand input the
 * compute function sends to SNS. The local run feeds it to the notifier's handler, so the handler
 * meets locally exactly what AWS hands it. Format: AWS Lambda developer guide, "Using Lambda with
 * Amazon SNS" (note the Lambda spelling SigningCertUrl / UnsubscribeUrl).
 */
import { randomUUID } from 'node:crypto';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import type { SNSEvent } from 'aws-lambda';
import { LOCAL_TOPIC_ARN, messageForProtocol } from './snsHttpEnvelope';

export function snsLambdaEvent(
  input: PublishCommandInput,
  options: { now: Date; subscriptionId: string; messageId?: string },
): SNSEvent {
  const topicArn = input.TopicArn ?? LOCAL_TOPIC_ARN;
  const attributes: Record<string, { Type: string; Value: string }> = {};
  for (const [name, value] of Object.entries(input.MessageAttributes ?? {})) {
    if (value.StringValue !== undefined)
      attributes[name] = { Type: value.DataType ?? 'String', Value: value.StringValue };
  }
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${options.subscriptionId}`,
        EventSource: 'aws:sns',
        Sns: {
          SignatureVersion: '1',
          Timestamp: options.now.toISOString(),
          // A local run holds no SNS signing key; Lambda subscribers do not verify it anyway.
          Signature: 'local',
          SigningCertUrl: 'http://127.0.0.1/hashwatch-local/SimpleNotificationService-local.pem',
          MessageId: options.messageId ?? randomUUID(),
          Message: messageForProtocol(input, 'lambda'),
          MessageAttributes: attributes,
          Type: 'Notification',
          UnsubscribeUrl: `http://127.0.0.1/hashwatch-local/?Action=Unsubscribe&SubscriptionArn=${topicArn}:${options.subscriptionId}`,
          TopicArn: topicArn,
          Subject: input.Subject ?? '',
        },
      },
    ],
  };
}
