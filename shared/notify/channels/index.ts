/** The four channel types behind one interface: the request for an attempt, the verdict on the answer. */
import type { SignalEvent } from '../../domain/signals/eventDocument';
import type { NotificationChannelConfig } from '../channelConfig';
import type { AttemptVerdict, HttpAnswer, HttpRequest } from '../httpAttempt';
import type { ChannelSecrets } from '../secrets';
import { discordRequest, discordVerdict } from './discord';
import { slackRequest, slackVerdict } from './slack';
import { telegramRequest, telegramVerdict } from './telegram';
import { webhookRequest, webhookVerdict } from './webhook';

function required(secrets: ChannelSecrets, field: keyof ChannelSecrets): string {
  const value = secrets[field];
  if (value === undefined) throw new Error(`the channel's ${field} is missing`);
  return value;
}

/** The request of one attempt (built per attempt: the webhook signature carries its time). */
export function channelRequest(
  channel: NotificationChannelConfig,
  event: SignalEvent,
  secrets: ChannelSecrets,
  now: Date,
): HttpRequest {
  switch (channel.type) {
    case 'telegram':
      return telegramRequest(event, channel, required(secrets, 'botToken'));
    case 'discord':
      return discordRequest(event, required(secrets, 'webhookUrl'));
    case 'slack':
      return slackRequest(event, required(secrets, 'webhookUrl'));
    case 'webhook':
      return webhookRequest(event, channel, required(secrets, 'signingSecret'), now);
  }
}

export function channelVerdict(channel: NotificationChannelConfig, answer: HttpAnswer, now: Date): AttemptVerdict {
  switch (channel.type) {
    case 'telegram':
      return telegramVerdict(answer, now);
    case 'discord':
      return discordVerdict(answer, now);
    case 'slack':
      return slackVerdict(answer, now);
    case 'webhook':
      return webhookVerdict(answer, now);
  }
}
