/**
 * Where a channel may post: https://, or plain http:// to a loopback address (a local fake, a
 * receiver on this machine). One rule for every channel's URL field, public or secret; a secret
 * URL is never echoed in a message.
 */
import * as z from '../schema/z';

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

/** A URL that is not a secret (a receiver, an API base URL): a refusal quotes it. */
export const publicUrlSchema = z.string().check((ctx) => {
  const problem = endpointUrlProblem(ctx.value, `: ${JSON.stringify(ctx.value)}`);
  if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
});

/** A URL that is itself the credential (a chat app's webhook URL): a refusal never shows it. */
export const secretUrlSchema = z.string().check((ctx) => {
  const problem = endpointUrlProblem(ctx.value, ' (value not shown: it is a secret)');
  if (problem) ctx.issues.push({ code: 'custom', input: '(secret)', message: problem });
});
