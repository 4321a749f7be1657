/**
 * The channel registry: every per-channel list (types, key pattern, secret fields, the config
 * schema) is derived from the definitions, and defineChannel refuses a definition that would break
 * a derived one (a type that cannot name a Lambda alias, a secret field clashing with a field).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from '../../../shared/schema/z';
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_KEY_PATTERN,
  CHANNEL_TYPES,
  channelKey,
  notificationChannelSchema,
  secretFieldsOf,
} from '../../../shared/notify/channelConfig';
import { CHANNELS } from '../../../shared/notify/channels';
import { defineChannel } from '../../../shared/notify/channels/defineChannel';
import { defaultVerdict } from '../../../shared/notify/httpAttempt';

const request = () => ({ url: 'https://example.com/', method: 'POST' as const, headers: {}, body: '' });
const docs = { request: 'POST', message: 'text' };

describe('the channel registry', () => {
  it('lists the chat channels, each type once; e-mail stays an SNS subscription', () => {
    expect(CHANNEL_TYPES.slice(0, 4)).toEqual(['telegram', 'discord', 'slack', 'webhook']);
    expect(new Set(CHANNEL_TYPES).size).toBe(CHANNELS.length);
    expect(CHANNEL_TYPES).not.toContain('email');
    expect(CHANNELS.slice(0, 4).map((c) => c.secretFieldNames)).toEqual([
      ['botToken'],
      ['webhookUrl'],
      ['webhookUrl'],
      ['signingSecret'],
    ]);
    expect(secretFieldsOf('webhook')).toEqual(['signingSecret']);
  });

  it('registers every channel file that defines one (a definition left out of the list would never be served)', () => {
    const dir = join(import.meta.dirname, '../../../shared/notify/channels');
    const defined = readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && file !== 'defineChannel.ts')
      .flatMap((file) =>
        [...readFileSync(join(dir, file), 'utf8').matchAll(/defineChannel\(\{\s*type: '([a-z0-9]+)'/g)].map(
          (m) => m[1],
        ),
      );
    expect(defined.length).toBeGreaterThanOrEqual(4);
    expect([...defined].sort()).toEqual([...CHANNEL_TYPES].sort());
  });

  it('derives the channel-key pattern from the types: every registered type, nothing else', () => {
    for (const type of CHANNEL_TYPES) expect(`${type}-0123456789`).toMatch(CHANNEL_KEY_PATTERN);
    const slack = notificationChannelSchema('refused').parse({ type: 'slack', webhookUrlParameter: '/s' });
    expect(channelKey(slack)).toMatch(CHANNEL_KEY_PATTERN);
    expect('sms-0123456789').not.toMatch(CHANNEL_KEY_PATTERN);
    expect('telegram-0123456789x').not.toMatch(CHANNEL_KEY_PATTERN);
  });

  it('derives each entry: its fields, each secret inline or by parameter, the filter; nothing else', () => {
    const entry = notificationChannelSchema('allowed').parse({
      type: 'telegram',
      chatId: 5,
      botToken: '1:abc',
      filter: { minSeverity: 'critical' },
    });
    // The secret sits before apiBaseUrl, the order HASHWATCH_NOTIFICATIONS has always been written in.
    expect(Object.keys(entry)).toEqual(['type', 'chatId', 'botToken', 'apiBaseUrl', 'filter']);
    const extra = notificationChannelSchema('allowed').safeParse({ type: 'discord', webhookUrlParameter: '/d', x: 1 });
    expect(extra.error?.issues.map((i) => i.message)).toEqual(['Unrecognized key: "x"']);
  });
});

describe('defineChannel', () => {
  const spec = { fields: {}, request, verdict: defaultVerdict, docs };

  it('refuses a type that cannot name a Lambda alias or a config entry', () => {
    expect(() => defineChannel({ ...spec, type: 'MS Teams', secretFields: { webhookUrl: z.string() } })).toThrow(
      'channel type "MS Teams": lowercase letters and digits only (it names Lambda aliases)',
    );
  });

  it('refuses a secret field that clashes with a field', () => {
    expect(() =>
      defineChannel({
        ...spec,
        type: 'teams',
        fields: { webhookUrlParameter: z.string() },
        secretFields: { webhookUrl: z.string() },
      }),
    ).toThrow('channel teams: secret field "webhookUrl" clashes with a field or is not a name');
  });

  it('builds the entry schema from the declaration', () => {
    const teams = defineChannel({
      ...spec,
      type: 'teams',
      fields: { title: z.optional(z.string()) },
      secretFields: { webhookUrl: z.url() },
    });
    expect(teams.schema.parse({ type: 'teams', webhookUrlParameter: '/t' })).toEqual({
      type: 'teams',
      webhookUrlParameter: '/t',
    });
    expect(teams.schema.safeParse({ type: 'teams', webhookUrl: 'not a url' }).success).toBe(false);
    expect(teams.schema.safeParse({ type: 'teams', webhookUrlParameter: 'aws/x' }).success).toBe(false);
  });
});
