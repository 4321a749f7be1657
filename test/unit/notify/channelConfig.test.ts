/**
 * The `notifications` contract: the deploy config refuses inline secrets and names every problem
 * (never echoing a secret); plain http:// only for loopback addresses; the local list accepts
 * inline secrets; channel keys are stable and name what identifies the destination.
 */
import { describe, expect, it } from 'vitest';
import { parseHashwatchConfig } from '../../../infra/config/hashwatchConfig';
import {
  channelKey,
  CHANNEL_KEY_PATTERN,
  parameterNamesOf,
  parseNotificationsJson,
} from '../../../shared/notify/channelConfig';
import { isLoopbackHost } from '../../../shared/notify/endpointUrl';
import { eventMatchesFilter } from '../../../shared/notify/eventFilter';
import { toFilterPolicy } from '../../../infra/constructs/alerting';
import { SEVERITIES, SIGNAL_IDS, TRANSITIONS } from '../../../shared/domain/signals/signalIds';

const configError = (notifications: unknown[]): string => {
  try {
    parseHashwatchConfig({ notifications });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
};

describe('notifications in hashwatch.config.json', () => {
  it('accepts each channel type with its secrets named by SSM parameter', () => {
    const config = parseHashwatchConfig({
      notifications: [
        { type: 'telegram', chatId: -1001234567890, botTokenParameter: '/hashwatch/telegram/bot-token' },
        { type: 'discord', webhookUrlParameter: '/hashwatch/discord/webhook-url', filter: { minSeverity: 'critical' } },
        { type: 'slack', webhookUrlParameter: 'hashwatch-slack-url' },
        { type: 'webhook', url: 'https://alerts.example.com/h', signingSecretParameter: '/hashwatch/webhook/secret' },
      ],
    });
    expect(config.notifications.map((n) => n.type)).toEqual(['telegram', 'discord', 'slack', 'webhook']);
    expect(parameterNamesOf(config.notifications)).toEqual([
      '/hashwatch/discord/webhook-url',
      '/hashwatch/telegram/bot-token',
      '/hashwatch/webhook/secret',
      'hashwatch-slack-url',
    ]);
  });

  it('names every problem at its path, and never repeats a secret', () => {
    const message = configError([
      { type: 'telegram', chatId: -1, botToken: '7012345678:AAH-inline-secret-token' },
      { type: 'discord' },
      { type: 'webhook', url: 'http://alerts.example.com/x', signingSecretParameter: 'aws/reserved' },
      {
        type: 'slack',
        webhookUrlParameter: '/a',
        webhookUrl: 'https://hooks.slack.com/services/T/B/inline-slack-secret',
      },
      { type: 'sms' },
      { type: 'telegram', chatId: 5, botTokenParameter: '/x', colour: 'red' },
      { type: 'discord', webhookUrlParameter: '/d', filter: { signals: ['nope'] } },
    ]);
    expect(message).toContain(
      'notifications.0.botToken: secrets never go in the deploy config: put it in SSM Parameter Store (aws ssm put-parameter --type SecureString) and name the parameter in "botTokenParameter"',
    );
    expect(message).toContain(
      'notifications.1.webhookUrlParameter: required: the name of the SSM SecureString parameter holding the discord webhookUrl',
    );
    expect(message).toContain(
      'notifications.2.url: must use https:// (plain http:// only for a loopback address such as 127.0.0.1): "http://alerts.example.com/x"',
    );
    expect(message).toContain('notifications.2.signingSecretParameter: not an SSM parameter name');
    expect(message).toContain('notifications.3.webhookUrl: secrets never go in the deploy config');
    expect(message).toContain('notifications.4.type: "type" must be one of telegram, discord, slack, webhook');
    expect(message).toMatch(/notifications\.5: Unrecognized key: "colour"/);
    expect(message).toContain('notifications.6.filter.signals.0: unknown signal id "nope"');
    expect(message).not.toContain('inline-secret-token');
    expect(message).not.toContain('inline-slack-secret');
  });

  it('refuses two entries for the same destination', () => {
    const entry = { type: 'discord', webhookUrlParameter: '/hashwatch/discord/webhook-url' };
    expect(configError([entry, { ...entry, filter: { minSeverity: 'critical' } }])).toContain(
      'notifications.1: the same discord destination as entry 0 (it would receive every alert twice)',
    );
  });

  it('allows plain http:// only for loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', '128.0.0.1', 'example.com', 'localhost.example.com'].some(isLoopbackHost)).toBe(false);
    expect(() =>
      parseHashwatchConfig({
        notifications: [{ type: 'webhook', url: 'http://127.0.0.1:8080/h', signingSecretParameter: '/s' }],
      }),
    ).not.toThrow();
    expect(
      configError([{ type: 'telegram', chatId: 1, botTokenParameter: '/t', apiBaseUrl: 'http://10.0.0.5' }]),
    ).toContain('notifications.0.apiBaseUrl: must use https://');
  });
});

describe('HASHWATCH_NOTIFICATIONS (npm start)', () => {
  it('accepts inline secrets, or parameter names', () => {
    const channels = parseNotificationsJson(
      JSON.stringify([
        { type: 'discord', webhookUrl: 'http://127.0.0.1:9000/api/webhooks/1/t' },
        { type: 'telegram', chatId: '@hashwatch_alerts', botToken: '123:abc_DEF-1' },
        { type: 'slack', webhookUrlParameter: '/hashwatch/slack/webhook-url' },
      ]),
      'allowed',
    );
    expect(channels).toHaveLength(3);
    expect(channels[1]).toMatchObject({ apiBaseUrl: 'https://api.telegram.org' });
    expect(parseNotificationsJson(undefined, 'allowed')).toEqual([]);
    expect(parseNotificationsJson('  ', 'allowed')).toEqual([]);
  });

  it('says when a secret is given twice, missing, or not JSON at all', () => {
    expect(() =>
      parseNotificationsJson(
        JSON.stringify([
          { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/x', webhookUrlParameter: '/s' },
        ]),
        'allowed',
      ),
    ).toThrow('HASHWATCH_NOTIFICATIONS[0].webhookUrl: give either "webhookUrl" or "webhookUrlParameter", not both');
    expect(() => parseNotificationsJson('[{"type":"webhook","url":"https://a.example.com"}]', 'allowed')).toThrow(
      'HASHWATCH_NOTIFICATIONS[0].signingSecretParameter: required: "signingSecretParameter" (an SSM SecureString parameter name) or, locally, "signingSecret" inline',
    );
    expect(() => parseNotificationsJson('[{', 'allowed')).toThrow(/HASHWATCH_NOTIFICATIONS is not valid JSON/);
    expect(() =>
      parseNotificationsJson('[{"type":"discord","webhookUrl":"https://example.com/not/a/webhook-secret"}]', 'allowed'),
    ).toThrow(/not a Discord channel webhook URL/);
  });
});

describe('channel keys', () => {
  it('depend on the destination, not on the filter or the place in the list, and never show a secret', () => {
    const a = parseNotificationsJson(
      JSON.stringify([
        { type: 'telegram', chatId: -100, botToken: '123:secret_A' },
        { type: 'telegram', chatId: -100, botToken: '123:secret_A', messageThreadId: 7 },
        { type: 'telegram', chatId: -200, botToken: '123:secret_A' },
      ]),
      'allowed',
    );
    const keys = a.map(channelKey);
    for (const key of keys) expect(key).toMatch(CHANNEL_KEY_PATTERN);
    expect(new Set(keys).size).toBe(3);
    expect(keys.join()).not.toContain('secret_A');
    const [first] = parseNotificationsJson(
      JSON.stringify([
        { type: 'telegram', chatId: -100, botToken: '123:secret_A', filter: { minSeverity: 'critical' } },
      ]),
      'allowed',
    );
    expect(channelKey(first!)).toBe(keys[0]);
  });
});

describe('the channel filter', () => {
  it('matches exactly what the SNS filter policy of its subscription lets through', () => {
    const filters = [
      undefined,
      { minSeverity: 'critical' as const },
      { signals: ['hashprice-floor' as const, 'price-level' as const] },
      { transitions: ['raised' as const, 'escalated' as const], minSeverity: 'warning' as const },
    ];
    for (const filter of filters) {
      // The policy as CloudFormation gets it: attribute -> allowed values.
      const policy = JSON.parse(JSON.stringify(toFilterPolicy(filter) ?? {})) as Record<
        string,
        { conditions: string[] }
      >;
      for (const signal of SIGNAL_IDS)
        for (const severity of SEVERITIES)
          for (const transition of TRANSITIONS) {
            const attributes = { signal, severity, transition };
            const snsLets = Object.entries(policy).every(([name, f]) =>
              f.conditions.includes(attributes[name as keyof typeof attributes]),
            );
            expect(eventMatchesFilter(filter, attributes), JSON.stringify({ filter, attributes })).toBe(snsLets);
          }
    }
  });
});
