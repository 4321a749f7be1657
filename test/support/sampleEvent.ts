/** A real event document (docs/compute-alert-examples.md, the 2026 difficulty streak) for notifier tests. */
import { signalEventSchema, type SignalEvent } from '../../shared/domain/signals/eventDocument';
import { buildSnsMessage } from '../../shared/adapters/sns/snsMessage';
import type { SNSEvent } from 'aws-lambda';

export function sampleEvent(overrides: Partial<SignalEvent> = {}): SignalEvent {
  return signalEventSchema.parse({
    schemaVersion: 1,
    type: 'hashwatch.signal.transition',
    id: 'e5ac9619-4daf-8d50-9d90-e992793eea09',
    signal: 'difficulty-negative-streak',
    subject: '',
    severity: 'warning',
    transition: 'raised',
    previousSeverity: null,
    occurredAt: '2026-01-23T12:00:00.000Z',
    episode: { id: 'e5ac9619-4daf-8d50-9d90-e992793eea09', startedAt: '2026-01-23T12:00:00.000Z' },
    title: '2nd consecutive negative difficulty adjustment (-3.28%)',
    summary:
      'Difficulty has fallen 2 times in a row: hashrate is leaving the network as miners switch off machines that no longer pay. Each drop raises what the remaining machines earn per TH/s.',
    evidence: {
      values: {
        negativeStreak: 2,
        previousNegativeStreak: 0,
        lastChangePct: -3.280111,
        streakChangesPct: '-1.20,-3.28',
        cumulativeStreakChangePct: -4.445161062137293,
        lastEpoch: 463,
        lastAdjustmentAt: '2026-01-22T19:31:22.000Z',
      },
      thresholds: { warningStreak: 2, criticalStreak: 3 },
    },
    ...overrides,
  });
}

/** The SNS event Lambda receives for this event, with the `lambda` key of the published message. */
export function snsEventOf(event: SignalEvent, messageId = 'b8b4c7a2-1111-4a4a-9c9c-000000000001'): SNSEvent {
  const message = buildSnsMessage(event);
  const byProtocol = JSON.parse(message.Message) as { lambda: string };
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:alerts:0b4f6a8e-2c1d-4e5f-9a8b-7c6d5e4f3a2b',
        EventSource: 'aws:sns',
        Sns: {
          SignatureVersion: '1',
          Timestamp: '2026-01-23T12:00:05.000Z',
          Signature: 'test',
          SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/cert.pem',
          MessageId: messageId,
          Message: byProtocol.lambda,
          MessageAttributes: Object.fromEntries(
            Object.entries(message.MessageAttributes).map(([k, v]) => [k, { Type: v.DataType, Value: v.StringValue }]),
          ),
          Type: 'Notification',
          UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
          Subject: message.Subject,
        },
      },
    ],
  };
}

/** The SNS message attributes of one transition, as the compute publishes them. */
export function transitionAttributes(signal: string, severity: string, transition: string) {
  return {
    signal: { DataType: 'String', StringValue: signal },
    severity: { DataType: 'String', StringValue: severity },
    transition: { DataType: 'String', StringValue: transition },
  };
}
