/**
 * The registry: every chat channel, one definition each (defineChannel.ts). The config schema, the
 * channel types and key pattern (channelConfig.ts), the secret parameter names the notifier may
 * read, and the docs table (docsTable.ts) are derived from this list; a new channel is its file,
 * its test and its line here. E-mail is not here: it is an SNS subscription (`subscriptions`).
 */
import type * as z from '../../schema/z';
import type { SignalEvent } from '../../domain/signals/eventDocument';
import type { AttemptVerdict, HttpAnswer, HttpRequest } from '../httpAttempt';
import type { ChannelDefinition } from './defineChannel';
import { discordChannel } from './discord';
import { slackChannel } from './slack';
import { telegramChannel } from './telegram';
import { webhookChannel } from './webhook';

export const CHANNELS = [telegramChannel, discordChannel, slackChannel, webhookChannel] as const;

export type RegisteredChannel = (typeof CHANNELS)[number];
export type ChannelType = RegisteredChannel['type'];
/** One entry of the `notifications` list, as parsed. */
export type NotificationChannelConfig = z.output<RegisteredChannel['schema']>;

/** A definition with its own types erased, for code that serves every channel alike. */
export type AnyChannelDefinition = ChannelDefinition<string, z.core.$ZodShape, string>;

export const CHANNEL_TYPES: readonly ChannelType[] = CHANNELS.map((channel) => channel.type);

const BY_TYPE = new Map<string, AnyChannelDefinition>();
for (const channel of CHANNELS) {
  if (BY_TYPE.has(channel.type)) throw new Error(`two channel definitions of type ${channel.type}`);
  BY_TYPE.set(channel.type, channel as unknown as AnyChannelDefinition);
}

export function channelDefinition(type: ChannelType): AnyChannelDefinition {
  const channel = BY_TYPE.get(type);
  if (!channel) throw new Error(`no channel definition of type ${JSON.stringify(type)}`);
  return channel;
}

/** The request of one attempt (built per attempt: the webhook signature carries its time). */
export function channelRequest(
  config: NotificationChannelConfig,
  event: SignalEvent,
  secrets: Readonly<Partial<Record<string, string>>>,
  now: Date,
): HttpRequest {
  const channel = channelDefinition(config.type);
  const values: Record<string, string> = {};
  for (const field of channel.secretFieldNames) {
    const value = secrets[field];
    if (value === undefined) throw new Error(`the channel's ${field} is missing`);
    values[field] = value;
  }
  // The registry found the definition by the config's own type, so the config is that definition's.
  return channel.request(event, config as never, values, now);
}

export function channelVerdict(config: NotificationChannelConfig, answer: HttpAnswer, now: Date): AttemptVerdict {
  return channelDefinition(config.type).verdict(answer, now);
}
