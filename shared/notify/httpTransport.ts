/**
 * Sending one HTTP request (the HttpTransport port) with the global fetch. Redirects are not
 * followed (a webhook that moved answers 3xx, and the alert is refused rather than sent on to
 * wherever it points). A failure says whether the request may have reached the server: a refused
 * or unresolvable connection certainly did not (safe to retry), a timeout or a connection dropped
 * mid-way may have (the chat app may show the alert already). Error texts never carry the URL,
 * which holds the secret for Telegram, Discord and Slack.
 */
import type { HttpAnswer, HttpRequest } from './httpAttempt';

export interface HttpTransport {
  send(request: HttpRequest, timeoutMs: number): Promise<HttpAnswer>;
}

export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    /** False only when the request certainly never left (the connection was never made). */
    readonly mayHaveArrived: boolean,
  ) {
    super(message);
  }
}

/** Connection-phase failures: nothing was sent. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const fetchTransport: HttpTransport = {
  async send(request, timeoutMs) {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new TransportError(`no answer within ${timeoutMs} ms`, true);
      }
      const code = causeCode(error) ?? 'unknown network error';
      throw new TransportError(`request failed (${code})`, !NOT_CONNECTED_CODES.has(code));
    }
    let body: string;
    try {
      body = await response.text();
    } catch {
      // The status arrived: the server has decided; a lost body changes nothing.
      body = '';
    }
    return { status: response.status, headers: response.headers, body };
  },
};
