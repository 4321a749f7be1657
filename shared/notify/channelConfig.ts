/**
 * The notification channels (public contract): the `notifications` list of hashwatch.config.json,
 * and the same list in HASHWATCH_NOTIFICATIONS for the notifier function and for `npm start`.
 * Each entry has a `type` (a channel of the registry, channels/index.ts), the channel's own
 * non-secret fields, an optional `filter` (as subscriptions have), and each secret named by the
 * SSM Parameter Store SecureString that holds it (`<secret>Parameter`: `botTokenParameter`,
 * `webhookUrlParameter`, `signingSecretParameter`). Locally a secret may instead be given inline
 * under the field's name without `Parameter` (`botToken`, `webhookUrl`, `signingSecret`); the
 * deploy config refuses inline secrets, so they never reach the template or the function's
 * environment. Everything per channel here is derived from the registry's definitions.
 * Error messages name the field and never repeat a secret's value.
 */
import { createHash } from 'node:crypto';
import * as z from '../schema/z';
import {
  CHANNEL_TYPES,
  CHANNELS,
  channelDefinition,
  type ChannelType,
  type NotificationChannelConfig,
} from './channels';
import { parameterFieldOf } from './channels/defineChannel';

export { CHANNEL_TYPES, type ChannelType, type NotificationChannelConfig };

const channelUnion = z.discriminatedUnion(
  'type',
  CHANNELS.map((channel) => channel.schema) as unknown as [
    (typeof CHANNELS)[number]['schema'],
    ...(typeof CHANNELS)[number]['schema'][],
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `"type" must be one of ${CHANNEL_TYPES.join(', ')}`
        : `a notification channel is an object with a "type" (${CHANNEL_TYPES.join(', ')})`,
  },
);

/** The secret fields of a channel's type (each also has its `<field>Parameter`). */
export const secretFieldsOf = (type: ChannelType): readonly string[] => channelDefinition(type).secretFieldNames;

/**
 * One channel. `inlineSecrets`: 'allowed' (HASHWATCH_NOTIFICATIONS for npm start) or 'refused'
 * (the deploy config and the deployed function: secrets only by parameter name).
 */
export function notificationChannelSchema(inlineSecrets: 'allowed' | 'refused') {
  return channelUnion.check((ctx) => {
    const channel = ctx.value as Record<string, unknown>;
    for (const field of secretFieldsOf(ctx.value.type)) {
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
function secretIdentity(channel: NotificationChannelConfig, field: string): string {
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
  const definition = channelDefinition(channel.type);
  const identity: string[] = [channel.type, ...(definition.destination?.(channel as never) ?? [])];
  for (const field of definition.secretFieldNames) identity.push(secretIdentity(channel, field));
  return `${channel.type}-${digest(JSON.stringify(identity)).slice(0, 10)}`;
}

/** Alias names Lambda accepts; channel keys always are one (channel types are lowercase letters and digits). */
export const CHANNEL_KEY_PATTERN = new RegExp(`^(${CHANNEL_TYPES.join('|')})-[0-9a-f]{10}$`);

export class NotificationsConfigError extends Error {
  override name = 'NotificationsConfigError';
}

/** Every problem of a zod error, one line each, with its path: HASHWATCH_NOTIFICATIONS[0].chatId. */
export function describeIssues(error: z.core.$ZodError, origin: string): string[] {
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
    for (const field of secretFieldsOf(channel.type)) {
      const name = (channel as Record<string, unknown>)[parameterFieldOf(field)];
      if (typeof name === 'string') names.add(name);
    }
  }
  return [...names].sort();
}

/** Why a secret read from Parameter Store is unusable for its field (never echoing it), if it is. */
export function secretValueProblem(type: ChannelType, field: string, value: string): string | undefined {
  const schema = (channelDefinition(type).secretFields as Record<string, z.ZodMiniType<string> | undefined>)[field];
  const result = schema?.safeParse(value);
  return result && !result.success ? result.error.issues.map((i) => i.message).join('; ') : undefined;
}
