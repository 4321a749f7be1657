/**
 * Local fakes of the chat APIs on 127.0.0.1, checking each request as the API documents it and
 * answering as the API does, with faults on demand (429 with the API's own retry hint, 5xx, a
 * hang), one request at a time (`fault`) or for as long as an outage lasts (`outage`). A request
 * that breaks the documented contract is answered 400 and recorded in `violations`, which the
 * tests (and the simulation, local/sim) expect to stay empty.
 *   Telegram  POST /bot<token>/sendMessage, JSON {chat_id, text (1-4096), parse_mode?}
 *             -> {"ok":true,"result":{"message_id":n}}; 429 {"ok":false,"error_code":429,
 *             "description":"Too Many Requests: retry after N","parameters":{"retry_after":N}}
 *   Discord   POST /api/webhooks/<id>/<token>?wait=true, JSON {embeds:[...]} within the embed
 *             limits -> 200 message {id}; 429 {"message":..,"retry_after":s,"global":false}
 *   Slack     POST /services/<T>/<B>/<secret>, JSON {text, blocks} within the block limits
 *             -> 200 "ok"; 429 with Retry-After
 *   Webhook   POST anything else -> 204 (raw body and headers recorded for signature checks); once
 *             told the signing secret, the Hashwatch-Signature header must be the HMAC-SHA256 of
 *             "<t>.<body>" that docs/notifications.md gives receivers
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  api: 'telegram' | 'discord' | 'slack' | 'webhook';
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export type Fault =
  | { kind: 'rate-limit'; retryAfterSeconds: number; header?: boolean }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'hang' };

export interface FakeChatApis {
  baseUrl: string;
  /** Accepted (2xx) requests, per API, in arrival order. */
  delivered: ReceivedRequest[];
  /** Every request, faults included. */
  received: ReceivedRequest[];
  violations: string[];
  /** The next requests to `api` get these answers, one each, in order. */
  fault(api: ReceivedRequest['api'], ...faults: Fault[]): void;
  /** Every request to `api` gets this answer until the outage is lifted (undefined lifts it). */
  outage(api: ReceivedRequest['api'], fault: Fault | undefined): void;
  expectTelegramToken(token: string): void;
  /** Checks the webhook's signature with this secret from now on. */
  expectWebhookSecret(secret: string): void;
  close(): Promise<void>;
}

const EMBED = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
};

function apiOf(path: string): ReceivedRequest['api'] {
  if (/^\/bot[^/]+\/sendMessage$/.test(path)) return 'telegram';
  if (/^\/api\/webhooks\/\d+\/[^/]+$/.test(path)) return 'discord';
  if (/^\/services\/[^/]+\/[^/]+\/[^/]+$/.test(path)) return 'slack';
  return 'webhook';
}

/** The receiver's check of docs/notifications.md: v1 is the HMAC-SHA256 of "<t>.<raw body>". */
function signatureProblem(request: ReceivedRequest, secret: string): string | undefined {
  const header = String(request.headers['hashwatch-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return `webhook: Hashwatch-Signature header ${JSON.stringify(header)} is not t=<seconds>,v1=<hex>`;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${request.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex')) ? undefined : 'webhook: signature does not match';
}

function contractProblems(
  request: ReceivedRequest,
  telegramToken: string | undefined,
  webhookSecret: string | undefined,
): string[] {
  const problems: string[] = [];
  if (request.method !== 'POST') problems.push(`${request.api}: method ${request.method}, not POST`);
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json'))
    problems.push(`${request.api}: content-type ${request.headers['content-type']}`);
  const body = request.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return [...problems, `${request.api}: body is not a JSON object`];
  if (request.api === 'webhook' && webhookSecret !== undefined) {
    const problem = signatureProblem(request, webhookSecret);
    if (problem) problems.push(problem);
  }
  if (request.api === 'telegram') {
    const token = /^\/bot([^/]+)\/sendMessage$/.exec(request.path)?.[1];
    if (telegramToken !== undefined && token !== telegramToken) problems.push('telegram: wrong bot token in the path');
    if (body.chat_id === undefined) problems.push('telegram: no chat_id');
    const text = body.text;
    if (typeof text !== 'string' || text.length < 1 || text.length > 4096)
      problems.push(`telegram: text of ${typeof text === 'string' ? text.length : typeof text} characters`);
    if (body.parse_mode !== undefined && !['HTML', 'MarkdownV2', 'Markdown'].includes(String(body.parse_mode)))
      problems.push('telegram: unknown parse_mode');
  }
  if (request.api === 'discord') {
    const embeds = body.embeds as Array<Record<string, unknown>> | undefined;
    if (!Array.isArray(embeds) || embeds.length < 1 || embeds.length > 10)
      problems.push('discord: 1-10 embeds expected');
    let total = 0;
    for (const embed of embeds ?? []) {
      const title = String(embed.title ?? '');
      const description = String(embed.description ?? '');
      const footer = String((embed.footer as { text?: string } | undefined)?.text ?? '');
      const fields = (embed.fields as Array<{ name: string; value: string }> | undefined) ?? [];
      if (title.length > EMBED.title) problems.push('discord: title over 256');
      if (description.length > EMBED.description) problems.push('discord: description over 4096');
      if (footer.length > EMBED.footer) problems.push('discord: footer over 2048');
      if (fields.length > EMBED.fields) problems.push('discord: more than 25 fields');
      for (const f of fields) {
        if (!f.name || f.name.length > EMBED.fieldName) problems.push('discord: field name empty or over 256');
        if (!f.value || f.value.length > EMBED.fieldValue) problems.push('discord: field value empty or over 1024');
      }
      total +=
        title.length +
        description.length +
        footer.length +
        fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    }
    if (total > EMBED.total) problems.push(`discord: ${total} embed characters, over 6000`);
  }
  if (request.api === 'slack') {
    const blocks = body.blocks as Array<Record<string, unknown>> | undefined;
    if (typeof body.text !== 'string' || body.text.length === 0) problems.push('slack: no text');
    if (!Array.isArray(blocks) || blocks.length > 50) problems.push('slack: blocks missing or more than 50');
    for (const block of blocks ?? []) {
      const text = block.text as { type: string; text: string } | undefined;
      if (block.type === 'header' && (text?.type !== 'plain_text' || text.text.length > 150))
        problems.push('slack: header not plain_text or over 150');
      if (block.type === 'section') {
        if (text && text.text.length > 3000) problems.push('slack: section text over 3000');
        const fields = (block.fields as Array<{ text: string }> | undefined) ?? [];
        if (fields.length > 10) problems.push('slack: more than 10 fields');
        if (fields.some((f) => f.text.length > 2000)) problems.push('slack: field over 2000');
        if (!text && fields.length === 0) problems.push('slack: empty section');
      }
    }
  }
  return problems;
}

function success(api: ReceivedRequest['api'], count: number): { status: number; type: string; body: string } {
  if (api === 'telegram')
    return { status: 200, type: 'application/json', body: JSON.stringify({ ok: true, result: { message_id: count } }) };
  if (api === 'discord')
    return { status: 200, type: 'application/json', body: JSON.stringify({ id: String(1_000_000 + count) }) };
  if (api === 'slack') return { status: 200, type: 'text/html', body: 'ok' };
  return { status: 204, type: 'text/plain', body: '' };
}

export async function startFakeChatApis(): Promise<FakeChatApis> {
  const delivered: ReceivedRequest[] = [];
  const received: ReceivedRequest[] = [];
  const violations: string[] = [];
  const faults = new Map<ReceivedRequest['api'], Fault[]>();
  const outages = new Map<ReceivedRequest['api'], Fault>();
  let telegramToken: string | undefined;
  let webhookSecret: string | undefined;
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const api = apiOf(url.pathname);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const request: ReceivedRequest = {
        api,
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json,
      };
      received.push(request);
      const problems = contractProblems(request, telegramToken, webhookSecret);
      if (problems.length > 0) {
        violations.push(...problems);
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ problems }));
        return;
      }
      const fault = faults.get(api)?.shift() ?? outages.get(api);
      if (fault?.kind === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (fault?.kind === 'rate-limit') {
        const s = fault.retryAfterSeconds;
        if (api === 'telegram') {
          res.writeHead(429, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              ok: false,
              error_code: 429,
              description: `Too Many Requests: retry after ${s}`,
              parameters: { retry_after: s },
            }),
          );
        } else if (api === 'discord') {
          res
            .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.ceil(s)) })
            .end(JSON.stringify({ message: 'You are being rate limited.', retry_after: s, global: false }));
        } else {
          res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': String(s) }).end('rate_limited');
        }
        return;
      }
      if (fault?.kind === 'status') {
        res.writeHead(fault.status, { 'content-type': 'text/plain' }).end(fault.body ?? '');
        return;
      }
      delivered.push(request);
      const answer = success(api, delivered.length);
      res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    delivered,
    received,
    violations,
    fault(api, ...list) {
      faults.set(api, [...(faults.get(api) ?? []), ...list]);
    },
    outage(api, fault) {
      if (fault) outages.set(api, fault);
      else outages.delete(api);
    },
    expectTelegramToken(token) {
      telegramToken = token;
    },
    expectWebhookSecret(secret) {
      webhookSecret = secret;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
