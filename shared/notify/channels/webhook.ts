/**
 * The generic signed webhook: POST <url> with the event document itself as the JSON body (no SNS
 * envelope, no subscription handshake) and, as Stripe and GitHub do, an HMAC-SHA256 signature in
 * a header: `Hashwatch-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the
 * channel's signing secret. Including the timestamp lets a receiver refuse old replays; the event
 * id (also in `Hashwatch-Event-Id`) lets it drop a duplicate. docs/notifications.md gives the
 * receiver's check. Each attempt is signed afresh. 2xx is delivered; 408, 429 (Retry-After) and 5xx
 * are retried; other answers refused.
 */
import { createHmac } from 'node:crypto';
import * as z from '../../schema/z';
import type { SignalEvent } from '../../domain/signals/eventDocument';
import { publicUrlSchema } from '../endpointUrl';
import { defaultVerdict, type AttemptVerdict, type HttpAnswer, type HttpRequest } from '../httpAttempt';
import { defineChannel, type ChannelConfigOf } from './defineChannel';

const webhookFields = {
  /** The receiver (not a secret: the signature is what proves a delivery came from Hashwatch). */
  url: publicUrlSchema,
};
export type WebhookChannelConfig = ChannelConfigOf<'webhook', typeof webhookFields, 'signingSecret'>;
const signingSecretSchema = z
  .string()
  .check(z.minLength(16, { error: 'a signing secret needs at least 16 characters' }));

export const SIGNATURE_HEADER = 'Hashwatch-Signature';
export const EVENT_ID_HEADER = 'Hashwatch-Event-Id';

/** `t=<seconds>,v1=<hex>` over `${t}.${body}`. */
export function signatureHeader(body: string, signingSecret: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', signingSecret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

export function webhookRequest(
  event: SignalEvent,
  channel: WebhookChannelConfig,
  signingSecret: string,
  now: Date,
): HttpRequest {
  const body = JSON.stringify(event);
  return {
    url: channel.url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Hashwatch-Notifier/1',
      [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(body, signingSecret, now),
      [EVENT_ID_HEADER.toLowerCase()]: event.id,
    },
    body,
  };
}

export function webhookVerdict(answer: HttpAnswer, now: Date): AttemptVerdict {
  return defaultVerdict(answer, now);
}

export const webhookChannel = defineChannel({
  type: 'webhook',
  fields: webhookFields,
  secretFields: { signingSecret: signingSecretSchema },
  destination: (config) => [config.url],
  request: (event, config, secrets, now) => webhookRequest(event, config, secrets.signingSecret, now),
  verdict: webhookVerdict,
  docs: {
    request: '`POST <url>`',
    message: 'the event document itself as JSON, signed (below); no SNS envelope, no subscription handshake',
  },
});
