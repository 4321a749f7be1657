/**
 * The read API on 127.0.0.1 during a local run (`npm start -- --api-port PORT`): each HTTP request
 * becomes the Function URL event Lambda would build (payload 2.0, shared/api/functionUrl.ts), the
 * deployed functions' own handlers answer it (GET /v1/... the api function's, the rest the
 * calculator's: bothFunctionUrls), and the structured answer becomes the HTTP response. So
 * `curl http://127.0.0.1:PORT/v1/latest` runs the very code the deployed Function URLs run
 * (without SigV4: the server listens on the loopback interface only). Deployed, they are two URLs.
 * Given `sigv4` credentials, it checks every request's signature as the Function URL's AWS_IAM auth
 * does (sigv4Check.ts) and answers 403 to a request not signed with them: the signed-request
 * examples run against it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { SECURITY_HEADERS } from '../../shared/api/apiResponse';
import { functionUrlEvent } from '../../shared/api/functionUrl';
import { isApiPath } from '../../shared/api/router';
import { sigV4Problem, type SigV4Expectation } from './sigv4Check';

export interface FunctionUrlAnswer {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

export type FunctionUrlHandler = (event: LambdaFunctionURLEvent) => Promise<FunctionUrlAnswer>;

/** One local port for both Function URLs: the read API's paths to `api`, everything else to `calculator`. */
export function bothFunctionUrls(handlers: {
  calculator: FunctionUrlHandler;
  api: FunctionUrlHandler;
}): FunctionUrlHandler {
  return (event) => (isApiPath(event.rawPath ?? '/') ? handlers.api(event) : handlers.calculator(event));
}

export interface ApiServer {
  port: number;
  baseUrl: string;
  close(): Promise<void>;
}

/** Request bodies above this are refused before reading on (the calculator's own limit is 64 KB). */
const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Drain the rest unread, so the client gets the 413 instead of a reset connection.
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function singleValueHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

export interface ApiServerOptions {
  port: number;
  handler: FunctionUrlHandler;
  /** Refuse (403) any request not SigV4-signed with these credentials for `lambda` in this region. */
  sigv4?: SigV4Expectation;
}

/** A Function URL's refusal of a request its AWS_IAM auth does not accept (here with the reason). */
function forbidden(problem: string): FunctionUrlAnswer {
  return {
    statusCode: 403,
    headers: { 'content-type': 'application/json', ...SECURITY_HEADERS },
    body: JSON.stringify({ Message: `Forbidden: ${problem}` }),
  };
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (body === undefined) {
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close', ...SECURITY_HEADERS });
        res.end(
          JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body too large.', issues: [] } }),
        );
        return;
      }
      const received = { method: req.method ?? 'GET', url: req.url ?? '/', headers: singleValueHeaders(req), body };
      const now = new Date();
      const problem = options.sigv4 === undefined ? undefined : await sigV4Problem(received, options.sigv4, now);
      const answer =
        problem === undefined
          ? await options.handler(
              functionUrlEvent({ ...received, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', now }),
            )
          : forbidden(problem);
      res.writeHead(answer.statusCode, answer.headers ?? {});
      res.end(answer.body ?? '');
    })().catch(() => {
      // The handler answers its own failures; this is the server's last guard (no stack trace out).
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', ...SECURITY_HEADERS });
      res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'The local API server failed.', issues: [] } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
