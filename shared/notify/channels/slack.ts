/**
 * Slack: an incoming webhook (POST <webhook URL>, JSON with `text` and `blocks`). `text` is the
 * notification and fallback text; the blocks are a header, the summary, the figures as section
 * fields and two context lines. Limits (docs.slack.dev/reference/block-kit/blocks): header text
 * 150 (plain_text), section text 3000, at most 10 fields per section of 2000 each, 50 blocks per
 * message; `text` is kept within 3000 too. mrkdwn needs &, < and > escaped. Answers: 200 "ok";
 * 400/403/404/410 with a reason (invalid_payload, channel_not_found, ...); 429 with Retry-After.
 */
import type { SignalEvent } from '../../domain/signals/eventDocument';
import { alertContent, type AlertContent } from '../alertContent';
import { defaultVerdict, type AttemptVerdict, type HttpAnswer, type HttpRequest } from '../httpAttempt';
import { secretUrlSchema } from '../endpointUrl';
import { fitRendered, truncate } from '../textLimits';
import { defineChannel } from './defineChannel';

export const SLACK_LIMITS = {
  headerChars: 150,
  sectionTextChars: 3000,
  fieldsPerSection: 10,
  fieldChars: 2000,
  blocks: 50,
  contextElementChars: 3000,
  textChars: 3000,
} as const;

const TONE_EMOJI = { critical: ':red_circle:', warning: ':large_orange_circle:', cleared: ':large_green_circle:' };

export function escapeSlackMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const mrkdwn = (plain: string, max: number): { type: 'mrkdwn'; text: string } => ({
  type: 'mrkdwn',
  text: fitRendered(plain, max, escapeSlackMrkdwn) ?? '',
});

export type SlackBlock = Record<string, unknown> & { type: string };

export function slackMessage(content: AlertContent): { text: string; blocks: SlackBlock[] } {
  const L = SLACK_LIMITS;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(content.headline, L.headerChars), emoji: true } },
    { type: 'section', text: mrkdwn(content.summary, L.sectionTextChars) },
  ];
  // Two context blocks close the message; the figures get the room in between.
  const roomForFigureSections = L.blocks - blocks.length - 2;
  for (
    let i = 0;
    i < content.figures.length && i / L.fieldsPerSection < roomForFigureSections;
    i += L.fieldsPerSection
  ) {
    blocks.push({
      type: 'section',
      fields: content.figures.slice(i, i + L.fieldsPerSection).map((f) => {
        // "*name*\nvalue": the name bold; both escaped, the whole within the field limit.
        const name = fitRendered(f.name, 200, escapeSlackMrkdwn) ?? '';
        const value = fitRendered(f.value, L.fieldChars - name.length - 3, escapeSlackMrkdwn) ?? '';
        return { type: 'mrkdwn', text: `*${name}*\n${value}` };
      }),
    });
  }
  blocks.push(
    {
      type: 'context',
      elements: [
        mrkdwn(
          `${TONE_EMOJI[content.tone]} ${content.signalLine}, decided ${content.decidedAt}`,
          L.contextElementChars,
        ),
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Event id \`${escapeSlackMrkdwn(content.eventId)}\`` }] },
  );
  return {
    text: fitRendered(`${content.headline}: ${content.summary}`, L.textChars, escapeSlackMrkdwn) ?? '',
    blocks,
  };
}

export function slackRequest(event: SignalEvent, webhookUrl: string): HttpRequest {
  return {
    url: webhookUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...slackMessage(alertContent(event)), unfurl_links: false, unfurl_media: false }),
  };
}

export function slackVerdict(answer: HttpAnswer, now: Date): AttemptVerdict {
  return defaultVerdict(answer, now);
}

export const slackChannel = defineChannel({
  type: 'slack',
  fields: {},
  secretFields: { webhookUrl: secretUrlSchema },
  request: (event, _config, secrets) => slackRequest(event, secrets.webhookUrl),
  verdict: slackVerdict,
  docs: {
    request: 'incoming webhook, `POST <webhook URL>`',
    message:
      '`text` for the notification plus blocks: header, summary, figures as fields, signal and event id (within Block Kit limits)',
  },
});
