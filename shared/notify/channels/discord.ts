/**
 * Discord: a channel webhook (POST <webhook URL>?wait=true, JSON with one embed). Limits
 * (discord.com/developers/docs/resources/message#embed-object-embed-limits): title 256,
 * description 4096, at most 25 fields with names of 256 and values of 1024, footer 2048, and
 * 6000 characters over all of them together. Mentions are disabled, so no text in an alert can
 * ping @everyone. 429 answers carry `retry_after` in seconds (a float) in the JSON body and a
 * Retry-After header.
 */
import type { SignalEvent } from '../../domain/signals/eventDocument';
import { alertContent, type AlertContent, type AlertTone } from '../alertContent';
import {
  answerSummary,
  defaultVerdict,
  parseJsonBody,
  retryAfterHeaderMs,
  secondsToMs,
  type AttemptVerdict,
  type HttpAnswer,
  type HttpRequest,
} from '../httpAttempt';
import { secretUrlSchema } from '../endpointUrl';
import { truncate } from '../textLimits';
import { defineChannel } from './defineChannel';

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

export const DISCORD_EMBED_LIMITS = {
  titleChars: 256,
  descriptionChars: 4096,
  fields: 25,
  fieldNameChars: 256,
  fieldValueChars: 1024,
  footerChars: 2048,
  totalChars: 6000,
} as const;

/** Embed colours (RGB integers): red, amber, green. */
export const DISCORD_COLORS: Record<AlertTone, number> = { critical: 0xd93025, warning: 0xf29900, cleared: 0x1e8e3e };

export interface DiscordEmbed {
  title: string;
  description: string;
  color: number;
  fields: { name: string; value: string; inline: boolean }[];
  footer: { text: string };
  timestamp: string;
}

/** The characters Discord counts against the 6000 total. */
export function embedChars(embed: DiscordEmbed): number {
  return (
    embed.title.length +
    embed.description.length +
    embed.footer.text.length +
    embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export function discordEmbed(content: AlertContent): DiscordEmbed {
  const L = DISCORD_EMBED_LIMITS;
  const fields = [
    ...content.figures.map((f) => ({ name: f.name, value: f.value })),
    { name: 'Signal', value: content.signalLine },
  ]
    .slice(0, L.fields)
    .map((f) => ({
      name: truncate(f.name, L.fieldNameChars) || '-',
      value: truncate(f.value, L.fieldValueChars) || '-',
      inline: false,
    }));
  const embed: DiscordEmbed = {
    title: truncate(content.headline, L.titleChars),
    description: truncate(content.summary, L.descriptionChars),
    color: DISCORD_COLORS[content.tone],
    fields,
    footer: { text: truncate(`Event id ${content.eventId}`, L.footerChars) },
    timestamp: content.occurredAt,
  };
  // Over the total: drop figures from the end (the Signal field last), then cut the description.
  while (embedChars(embed) > L.totalChars && embed.fields.length > 0) embed.fields.splice(-1, 1);
  const over = embedChars(embed) - L.totalChars;
  if (over > 0) embed.description = truncate(embed.description, embed.description.length - over);
  return embed;
}

export function discordRequest(event: SignalEvent, webhookUrl: string): HttpRequest {
  const url = new URL(webhookUrl);
  // wait=true: Discord answers 200 with the message it created (its id is the receipt), not 204.
  url.searchParams.set('wait', 'true');
  return {
    url: url.toString(),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'Hashwatch',
      embeds: [discordEmbed(alertContent(event))],
      allowed_mentions: { parse: [] },
    }),
  };
}

export function discordVerdict(answer: HttpAnswer, now: Date): AttemptVerdict {
  const parsed = (parseJsonBody(answer.body) ?? {}) as { id?: string; message?: string; retry_after?: number };
  if (answer.status >= 200 && answer.status <= 299) {
    return parsed.id ? { kind: 'delivered', receipt: `message ${parsed.id}` } : { kind: 'delivered' };
  }
  if (answer.status === 429) {
    const retryAfterMs = secondsToMs(parsed.retry_after) ?? retryAfterHeaderMs(answer.headers.get('retry-after'), now);
    const reason = answerSummary(answer, parsed.message);
    return retryAfterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs };
  }
  return defaultVerdict(answer, now, parsed.message);
}

export const discordChannel = defineChannel({
  type: 'discord',
  fields: {},
  secretFields: { webhookUrl: discordWebhookUrlSchema },
  request: (event, _config, secrets) => discordRequest(event, secrets.webhookUrl),
  verdict: discordVerdict,
  docs: {
    request: 'channel webhook, `POST <webhook URL>?wait=true`',
    message:
      "one embed coloured by severity (red, amber, green when cleared), the figures as fields, the event id in the footer (within Discord's embed limits)",
  },
});
