/**
 * Publishes events to an SNS topic: MessageStructure 'json' with the stored e-mail text and the
 * JSON event document for HTTPS, SQS and Lambda subscribers, and the message attributes `signal`,
 * `severity` and `transition` for subscription filter policies (snsMessage.ts). A failure throws:
 * the outbox keeps the event and the next drain retries it. The SDK's own retries (3 attempts,
 * exponential backoff) come first.
 */
import { PublishCommand, type PublishCommandInput, type SNSClient } from '@aws-sdk/client-sns';
import type { EventSink, PublishReceipt } from '../../compute/ports';
import type { RenderedEvent } from '../../domain/signals/eventMessage';
import { buildSnsMessage } from './snsMessage';

/** The exact PublishCommand input for a rendered event (also what the local sink receives). */
export function publishCommandInput(topicArn: string, rendered: RenderedEvent): PublishCommandInput {
  const message = buildSnsMessage(rendered.document, rendered.message);
  return {
    TopicArn: topicArn,
    Subject: message.Subject,
    Message: message.Message,
    MessageStructure: message.MessageStructure,
    MessageAttributes: message.MessageAttributes,
  };
}

export class SnsEventSink implements EventSink {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(event: RenderedEvent): Promise<PublishReceipt> {
    const out = await this.client.send(new PublishCommand(publishCommandInput(this.topicArn, event)));
    return out.MessageId ? { messageId: out.MessageId } : {};
  }
}

/**
 * Adapts anything that takes a PublishCommand input (the local run's console/JSONL/webhook sink)
 * into an EventSink, so it receives byte for byte what SNS would.
 */
export function publishInputSink(
  topicArn: string,
  target: { publish(input: PublishCommandInput): Promise<unknown> },
): EventSink {
  return {
    async publish(event) {
      await target.publish(publishCommandInput(topicArn, event));
      return {};
    },
  };
}
