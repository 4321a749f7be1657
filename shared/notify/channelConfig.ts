/**
 * The notification channels (public contract): the `notifications` list of hashwatch.config.json,
 * and the same list in HASHWATCH_NOTIFICATIONS for the notifier function and for `npm start`.
 * Each entry has a `type` (telegram, discord, slack, webhook), the channel's own non-secret fields,
 * an optional `filter` (as subscriptions have), and each secret named by the SSM Parameter Store
 * SecureString that holds it (`botTokenParameter`, `webhookUrlParameter`, `signingSecretParameter`).
 * Locally a secret may instead be given inline under the field's name without `Parameter`
 * (`botToken`, `webhookUrl`, `signingSecret`); the deploy config refuses inline secrets, so they
 * never reach the template or the function's environment.
 * Error messages name the field and never repeat a secret's value.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { parameterNameSchema } from '../config/ssmParameterName';

export { parameterNameSchema };
import { subscriptionFilterSchema } from './eventFilter';

export const CHANNEL_TYPES = ['telegram', 'discord', 'slack', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const TELEGRAM_API_BASE_URL = 'https://api.telegram.org';

/** The secrets of each channel type: the inline field and the field naming its SSM parameter. */
export const CHANNEL_SECRETS = {
  telegram: ['botToken'],
  discord: ['webhookUrl'],
  slack: ['webhookUrl'],
  webhook: ['signingSecret'],
} as const satisfies Record<ChannelType, readonly string[]>;
export type SecretField = (typeof CHANNEL_SECRETS)[ChannelType][number];
export const parameterFieldOf = (field: SecretField): `${SecretField}Parameter` => `${field}Parameter`;

/** Loopback hosts: the only ones plain http:// may reach (local fakes, a receiver on this machine). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Why a URL is refused, or undefined when it is fine: https://, or http:// to a loopback address.
 * `shown` is how the message refers to the value (a secret URL is never echoed).
 */
export function endpointUrlProblem(value: string, shown: string): string | undefined {
  if (!URL.canParse(value)) return `not a valid URL${shown}`;
  const url = new URL(value);
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === 'http:')
    return `must use https:// (plain http:// only for a loopback address such as 127.0.0.1)${shown}`;
  return `must be an https:// URL${shown}`;
}

const publicUrlSchema = z.string().check((ctx) => {
  const problem = endpointUrlProblem(ctx.value, `: ${JSON.stringify(ctx.value)}`);
  if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
});

const secretUrlSchema = z.string().check((ctx) => {
  const problem = endpointUrlProblem(ctx.value, ' (value not shown: it is a secret)');
  if (problem) ctx.issues.push({ code: 'custom', input: '(secret)', message: problem });
});

/** A Discord channel webhook: .../api/webhooks/<id>/<token> (optionally a versioned API path). */
const DISCORD_WEBHOOK_PATH = /^\/api\/(v\d+\/)?webhooks\/\d+\/[^/]+\/?$/;

const discordWebhookUrlSchema = secretUrlSchema.check((ctx) => {
  if (URL.canParse(ctx.value) && !DISCORD_WEBHOOK_PATH.test(new URL(ctx.value).pathname)) {
    ctx.issues.push({
      code: 'custom',
      input: '(secret)',
      message: 'not a Discord channel webhook URL (https://discord.com/api/webhooks/<id>/<token>; value not shown)',
    });
  }
});

/** A Telegram bot token as BotFather issues it: <bot id>:<secret>. */
const botTokenSchema = z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, {
  error: 'not a Telegram bot token (<digits>:<letters, digits, _ and ->, as BotFather gives it; value not shown)',
});
const signingSecretSchema = z.string().min(16, { error: 'a signing secret needs at least 16 characters' });

/** A chat id (a number, negative for groups) or a public channel's @username. */
const chatIdSchema = z.union([z.int(), z.string()]).check((ctx) => {
  const ok =
    typeof ctx.value === 'number'
      ? Number.isSafeInteger(ctx.value)
      : /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,31})$/.test(ctx.value);
  if (!ok) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `a Telegram chat id (a number such as -1001234567890) or a channel @username, got ${JSON.stringify(ctx.value)}`,
    });
  }
});

const common = { filter: subscriptionFilterSchema.optional() };

const telegramSchema = z.strictObject({
  type: z.literal('telegram'),
  chatId: chatIdSchema,
  /** Forum topic of a supergroup, when the alerts go to one topic. */
  messageThreadId: z.int().positive().optional(),
  botToken: botTokenSchema.optional(),
  botTokenParameter: parameterNameSchema.optional(),
  /** The Bot API's base URL (a self-hosted Bot API server, or a local fake in tests). */
  apiBaseUrl: publicUrlSchema.default(TELEGRAM_API_BASE_URL),
  ...common,
});
const discordSchema = z.strictObject({
  type: z.literal('discord'),
  webhookUrl: discordWebhookUrlSchema.optional(),
  webhookUrlParameter: parameterNameSchema.optional(),
  ...common,
});
const slackSchema = z.strictObject({
  type: z.literal('slack'),
  webhookUrl: secretUrlSchema.optional(),
  webhookUrlParameter: parameterNameSchema.optional(),
  ...common,
});
const webhookSchema = z.strictObject({
  type: z.literal('webhook'),
  /** The receiver (not a secret: the signature is what proves a delivery came from Hashwatch). */
  url: publicUrlSchema,
  signingSecret: signingSecretSchema.optional(),
  signingSecretParameter: parameterNameSchema.optional(),
  ...common,
});

const channelUnion = z.discriminatedUnion('type', [telegramSchema, discordSchema, slackSchema, webhookSchema], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `"type" must be one of ${CHANNEL_TYPES.join(', ')}`
      : `a notification channel is an object with a "type" (${CHANNEL_TYPES.join(', ')})`,
});

export type NotificationChannelConfig = z.infer<typeof channelUnion>;
export type TelegramChannelConfig = z.infer<typeof telegramSchema>;
export type DiscordChannelConfig = z.infer<typeof discordSchema>;
export type SlackChannelConfig = z.infer<typeof slackSchema>;
export type WebhookChannelConfig = z.infer<typeof webhookSchema>;

/**
 * One channel. `inlineSecrets`: 'allowed' (HASHWATCH_NOTIFICATIONS for npm start) or 'refused'
 * (the deploy config and the deployed function: secrets only by parameter name).
 */
export function notificationChannelSchema(inlineSecrets: 'allowed' | 'refused') {
  return channelUnion.check((ctx) => {
    const channel = ctx.value as Record<string, unknown>;
    for (const field of CHANNEL_SECRETS[ctx.value.type]) {
      const parameterField = parameterFieldOf(field);
      const inline = channel[field] !== undefined;
      const named = channel[parameterField] !== undefined;
      if (inline && inlineSecrets === 'refused') {
        ctx.issues.push({
          code: 'custom',
          input: '(secret)',
          path: [field],
          message: `secrets never go in the deploy config: put it in SSM Parameter Store (aws ssm put-parameter --type SecureString) and name the parameter in "${parameterField}"`,
        });
      } else if (inline && named) {
        ctx.issues.push({
          code: 'custom',
          input: '(secret)',
          path: [field],
          message: `give either "${field}" or "${parameterField}", not both`,
        });
      } else if (!inline && !named) {
        ctx.issues.push({
          code: 'custom',
          input: channel,
          path: [parameterField],
          message:
            inlineSecrets === 'refused'
              ? `required: the name of the SSM SecureString parameter holding the ${ctx.value.type} ${field}`
              : `required: "${parameterField}" (an SSM SecureString parameter name) or, locally, "${field}" inline`,
        });
      }
    }
  });
}

/** The whole list; two entries that reach the same destination are refused (they would post twice). */
export function notificationsConfigSchema(inlineSecrets: 'allowed' | 'refused') {
  return z.array(notificationChannelSchema(inlineSecrets)).check((ctx) => {
    const seen = new Map<string, number>();
    ctx.value.forEach((channel, index) => {
      const key = channelKey(channel);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.issues.push({
          code: 'custom',
          input: index,
          path: [index],
          message: `the same ${channel.type} destination as entry ${first} (it would receive every alert twice)`,
        });
      } else seen.set(key, index);
    });
  });
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/** How a secret is identified without revealing it: its parameter name, or a digest of the inline value. */
function secretIdentity(channel: NotificationChannelConfig, field: SecretField): string {
  const record = channel as Record<string, unknown>;
  const parameter = record[parameterFieldOf(field)];
  if (typeof parameter === 'string') return `ssm:${parameter}`;
  return `inline:${digest(String(record[field]))}`;
}

/**
 * The channel's stable key: `<type>-<10 hex digits>` from what identifies its destination (chat
 * and bot, webhook), not from its place in the list. It keys the delivery records
 * (DELIVERY#<eventId> / <key>) and names the function alias SNS invokes for this channel.
 */
export function channelKey(channel: NotificationChannelConfig): string {
  const identity: string[] = [channel.type];
  if (channel.type === 'telegram') identity.push(String(channel.chatId), String(channel.messageThreadId ?? ''));
  if (channel.type === 'webhook') identity.push(channel.url);
  for (const field of CHANNEL_SECRETS[channel.type]) identity.push(secretIdentity(channel, field));
  return `${channel.type}-${digest(JSON.stringify(identity)).slice(0, 10)}`;
}

/** Alias names Lambda accepts; channel keys always are one. */
export const CHANNEL_KEY_PATTERN = /^(telegram|discord|slack|webhook)-[0-9a-f]{10}$/;

export class NotificationsConfigError extends Error {
  override name = 'NotificationsConfigError';
}

/** Every problem of a zod error, one line each, with its path: HASHWATCH_NOTIFICATIONS[0].chatId. */
export function describeIssues(error: z.ZodError, origin: string): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return `  - ${origin}${path}: ${issue.message}`;
  });
}

/**
 * Parses HASHWATCH_NOTIFICATIONS (a JSON list; empty or unset: no channels). Throws one error
 * naming every problem.
 */
export function parseNotificationsJson(
  text: string | undefined,
  inlineSecrets: 'allowed' | 'refused',
  origin = 'HASHWATCH_NOTIFICATIONS',
): NotificationChannelConfig[] {
  if (text === undefined || text.trim() === '') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new NotificationsConfigError(`${origin} is not valid JSON: ${(error as Error).message}`);
  }
  const result = notificationsConfigSchema(inlineSecrets).safeParse(raw);
  if (!result.success) {
    throw new NotificationsConfigError(`Invalid ${origin}:\n${describeIssues(result.error, origin).join('\n')}`);
  }
  return result.data;
}

/** The SSM parameter names a list of channels reads (what the notifier's role may read, exactly). */
export function parameterNamesOf(channels: readonly NotificationChannelConfig[]): string[] {
  const names = new Set<string>();
  for (const channel of channels) {
    for (const field of CHANNEL_SECRETS[channel.type]) {
      const name = (channel as Record<string, unknown>)[parameterFieldOf(field)];
      if (typeof name === 'string') names.add(name);
    }
  }
  return [...names].sort();
}

const SECRET_VALUE_SCHEMAS: Record<ChannelType, Partial<Record<SecretField, z.ZodType<string>>>> = {
  telegram: { botToken: botTokenSchema },
  discord: { webhookUrl: discordWebhookUrlSchema },
  slack: { webhookUrl: secretUrlSchema },
  webhook: { signingSecret: signingSecretSchema },
};

/** Why a secret read from Parameter Store is unusable for its field (never echoing it), if it is. */
export function secretValueProblem(type: ChannelType, field: SecretField, value: string): string | undefined {
  const schema = SECRET_VALUE_SCHEMAS[type][field];
  const result = schema?.safeParse(value);
  return result && !result.success ? result.error.issues.map((i) => i.message).join('; ') : undefined;
}
