/**
 * Telegram: the Bot API's sendMessage (POST <apiBaseUrl>/bot<token>/sendMessage, a JSON body with
 * chat_id and text), HTML parse mode. Limits (core.telegram.org/bots/api#sendmessage): text of
 * 1-4096 characters after entities parsing; the HTML sent is kept within 4096, which bounds the
 * parsed text too. Answers: {"ok":true,"result":{"message_id":...}}, or {"ok":false,
 * "error_code":429,"parameters":{"retry_after":<seconds>}} when flood control applies.
 */
import * as z from '../../schema/z';
import type { SignalEvent } from '../../domain/signals/eventDocument';
import { alertContent, type AlertContent, type AlertTone } from '../alertContent';
import { publicUrlSchema } from '../endpointUrl';
import {
  answerSummary,
  defaultVerdict,
  parseJsonBody,
  secondsToMs,
  type AttemptVerdict,
  type HttpAnswer,
  type HttpRequest,
} from '../httpAttempt';
import { fitRendered, joinWithin } from '../textLimits';
import { defineChannel, type ChannelConfigOf } from './defineChannel';

export const TELEGRAM_API_BASE_URL = 'https://api.telegram.org';

/** A Telegram bot token as BotFather issues it: <bot id>:<secret>. */
const botTokenSchema = z.string().check(
  z.regex(/^\d+:[A-Za-z0-9_-]+$/, {
    error: 'not a Telegram bot token (<digits>:<letters, digits, _ and ->, as BotFather gives it; value not shown)',
  }),
);

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

const telegramFields = {
  chatId: chatIdSchema,
  /** Forum topic of a supergroup, when the alerts go to one topic. */
  messageThreadId: z.optional(z.int().check(z.positive())),
  /** The Bot API's base URL (a self-hosted Bot API server, or a local fake in tests). */
  apiBaseUrl: z._default(publicUrlSchema, TELEGRAM_API_BASE_URL),
};
export type TelegramChannelConfig = ChannelConfigOf<'telegram', typeof telegramFields, 'botToken'>;

export const TELEGRAM_TEXT_MAX_CHARS = 4096;

const MARK: Record<AlertTone, string> = { critical: '🔴', warning: '🟠', cleared: '🟢' };

/** Telegram's HTML mode needs exactly these three escaped outside tags. */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function telegramText(content: AlertContent): string {
  const e = escapeTelegramHtml;
  // The head and tail are always kept, so they get bounded shares first (a fleet name, which the
  // signal line carries, has no length limit of its own).
  const headline = fitRendered(content.headline, 400, e) ?? '';
  const signalLine = fitRendered(`${content.signalLine}, decided ${content.decidedAt}`, 600, e) ?? '';
  return joinWithin(
    {
      head: [`${MARK[content.tone]} <b>${headline}</b>`],
      body: [content.summary, '', ...content.figures.map((f) => `• ${f.name}: ${f.value}`), ''],
      tail: [`<i>${signalLine}</i>`, `Event id: <code>${e(content.eventId)}</code>`],
    },
    TELEGRAM_TEXT_MAX_CHARS,
    '\n',
    e,
  );
}

export function telegramRequest(event: SignalEvent, channel: TelegramChannelConfig, botToken: string): HttpRequest {
  const body: Record<string, unknown> = {
    chat_id: channel.chatId,
    text: telegramText(alertContent(event)),
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    // An all-clear need not buzz anyone's phone.
    disable_notification: event.transition === 'cleared',
  };
  if (channel.messageThreadId !== undefined) body.message_thread_id = channel.messageThreadId;
  return {
    url: `${channel.apiBaseUrl.replace(/\/+$/, '')}/bot${botToken}/sendMessage`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

interface TelegramAnswer {
  ok?: boolean;
  description?: string;
  result?: { message_id?: number };
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export function telegramVerdict(answer: HttpAnswer, now: Date): AttemptVerdict {
  const parsed = (parseJsonBody(answer.body) ?? {}) as TelegramAnswer;
  if (answer.status === 200 && parsed.ok === true) {
    const id = parsed.result?.message_id;
    return id === undefined ? { kind: 'delivered' } : { kind: 'delivered', receipt: `message_id ${id}` };
  }
  if (answer.status === 429) {
    const retryAfterMs = secondsToMs(parsed.parameters?.retry_after);
    const reason = answerSummary(answer, parsed.description);
    return retryAfterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs };
  }
  if (parsed.parameters?.migrate_to_chat_id !== undefined) {
    return {
      kind: 'rejected',
      reason: `the group became a supergroup: set chatId to ${parsed.parameters.migrate_to_chat_id}`,
    };
  }
  return defaultVerdict(answer, now, parsed.description);
}

export const telegramChannel = defineChannel({
  type: 'telegram',
  fields: telegramFields,
  secretsBefore: 'apiBaseUrl',
  secretFields: { botToken: botTokenSchema },
  destination: (config) => [String(config.chatId), String(config.messageThreadId ?? '')],
  request: (event, config, secrets) => telegramRequest(event, config, secrets.botToken),
  verdict: telegramVerdict,
  docs: {
    request: 'Bot API `POST /bot<token>/sendMessage`',
    message:
      'HTML text: tag and title in bold, what it means, the evidence figures, signal and decision time, the event id (at most 4096 characters)',
  },
});
