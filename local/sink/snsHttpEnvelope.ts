/**
 * The HTTP/HTTPS notification document that Amazon SNS POSTs to a subscribed endpoint, built from
 * the same `PublishCommand` input the compute function sends to SNS. Locally there is no SNS, so the
 * local webhook sink posts exactly this envelope: a receiver written against the local run works
 * unchanged behind a real SNS HTTPS subscription.
 * Format: AWS SNS developer guide, "HTTP/HTTPS notification JSON format".
 */
import { createHash, randomUUID } from 'node:crypto';
import type { PublishCommandInput } from '@aws-sdk/client-sns';

/** The topic ARN the local run pretends to publish to (account 000000000000, as local emulators use). */
export const LOCAL_TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:hashwatch-local';

export interface SnsHttpNotification {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: '1' | '2';
  Signature: string;
  SigningCertURL: string;
  UnsubscribeURL: string;
  MessageAttributes?: Record<string, { Type: string; Value: string }>;
}

/**
 * The message a subscriber of `protocol` receives. With MessageStructure 'json' SNS delivers the
 * value of the protocol key ('https', 'lambda', ...), else 'default'; otherwise the Message as
 * published.
 */
export function messageForProtocol(
  input: Pick<PublishCommandInput, 'Message' | 'MessageStructure'>,
  protocol: 'https' | 'lambda' | 'sqs' | 'email',
): string {
  const message = input.Message ?? '';
  if (input.MessageStructure !== 'json') return message;
  const parsed: unknown = JSON.parse(message);
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error('MessageStructure json needs a JSON object Message');
  const byProtocol = parsed as Record<string, unknown>;
  const chosen = byProtocol[protocol] ?? byProtocol.default;
  if (typeof chosen !== 'string')
    throw new Error(`MessageStructure json needs a string "default" (or "${protocol}") key`);
  return chosen;
}

/** The message an HTTPS subscriber receives. */
export function messageForHttps(input: Pick<PublishCommandInput, 'Message' | 'MessageStructure'>): string {
  return messageForProtocol(input, 'https');
}

export interface EnvelopeOptions {
  now: Date;
  messageId?: string;
  topicArn?: string;
}

export function snsHttpNotification(input: PublishCommandInput, options: EnvelopeOptions): SnsHttpNotification {
  const topicArn = input.TopicArn ?? options.topicArn ?? LOCAL_TOPIC_ARN;
  const messageId = options.messageId ?? randomUUID();
  const message = messageForHttps(input);
  const timestamp = options.now.toISOString();
  const attributes: Record<string, { Type: string; Value: string }> = {};
  for (const [name, value] of Object.entries(input.MessageAttributes ?? {})) {
    // SNS renders String, String.Array and Number attributes as strings in the HTTP document.
    if (value.StringValue !== undefined)
      attributes[name] = { Type: value.DataType ?? 'String', Value: value.StringValue };
  }
  const envelope: SnsHttpNotification = {
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: topicArn,
    ...(input.Subject !== undefined ? { Subject: input.Subject } : {}),
    Message: message,
    Timestamp: timestamp,
    SignatureVersion: '1',
    // A local run holds no SNS signing key: the signature is a digest over the same fields SNS
    // signs, so receivers can parse it, but it will not verify against an AWS certificate.
    Signature: localSignature({
      Message: message,
      MessageId: messageId,
      Subject: input.Subject,
      Timestamp: timestamp,
      TopicArn: topicArn,
    }),
    SigningCertURL: 'http://127.0.0.1/hashwatch-local/SimpleNotificationService-local.pem',
    UnsubscribeURL: `http://127.0.0.1/hashwatch-local/?Action=Unsubscribe&SubscriptionArn=${topicArn}:local`,
  };
  if (Object.keys(attributes).length > 0) envelope.MessageAttributes = attributes;
  return envelope;
}

function localSignature(fields: {
  Message: string;
  MessageId: string;
  Subject: string | undefined;
  Timestamp: string;
  TopicArn: string;
}): string {
  // Same string-to-sign layout as SNS (key\nvalue\n in alphabetical key order, Subject only if present).
  const parts: string[] = ['Message', fields.Message, 'MessageId', fields.MessageId];
  if (fields.Subject !== undefined) parts.push('Subject', fields.Subject);
  parts.push('Timestamp', fields.Timestamp, 'TopicArn', fields.TopicArn, 'Type', 'Notification');
  return createHash('sha256')
    .update(parts.map((p) => `${p}\n`).join(''))
    .digest('base64');
}

/** The headers SNS sends with a notification POST. */
export function snsHttpHeaders(envelope: SnsHttpNotification): Record<string, string> {
  return {
    'content-type': 'text/plain; charset=UTF-8',
    'x-amz-sns-message-type': envelope.Type,
    'x-amz-sns-message-id': envelope.MessageId,
    'x-amz-sns-topic-arn': envelope.TopicArn,
    'x-amz-sns-subscription-arn': `${envelope.TopicArn}:local`,
    'user-agent': 'Amazon Simple Notification Service Agent',
  };
}
