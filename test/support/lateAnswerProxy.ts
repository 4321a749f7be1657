/**
 * An HTTP proxy on 127.0.0.1 in front of DynamoDB Local that forwards every request and, for the
 * first requests a predicate picks, withholds the answer after the table has applied the write:
 * what a client sees when DynamoDB (or a loaded DynamoDB Local) answers after the SDK's request
 * timeout. The SDK then retries a request that already took effect, the case a conditional write
 * must recognise as its own.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './httpBody';

export interface LateAnswerProxy {
  endpoint: string;
  /** The X-Amz-Target of every request, in arrival order. */
  targets: string[];
  /** Requests forwarded and applied whose answer was withheld. */
  withheld: number;
  close(): Promise<void>;
}

/** Withholds the answers of the first `count` requests whose X-Amz-Target `withhold` picks. */
export async function startLateAnswerProxy(
  upstreamEndpoint: string,
  options: { withhold: (target: string) => boolean; count: number },
): Promise<LateAnswerProxy> {
  const upstream = new URL(upstreamEndpoint);
  let left = options.count;
  const proxy: LateAnswerProxy = { endpoint: '', targets: [], withheld: 0, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const target = String(req.headers['x-amz-target'] ?? '');
      proxy.targets.push(target);
      const answer = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>(
        (resolve, reject) => {
          const forwarded = httpRequest(
            {
              host: upstream.hostname,
              port: upstream.port,
              method: req.method,
              path: req.url,
              headers: { ...req.headers, host: upstream.host },
            },
            (upstreamAnswer) => {
              readBody(upstreamAnswer).then(
                (answerBody) =>
                  resolve({
                    status: upstreamAnswer.statusCode ?? 500,
                    headers: upstreamAnswer.headers,
                    body: answerBody,
                  }),
                reject,
              );
            },
          );
          forwarded.on('error', reject);
          forwarded.end(body);
        },
      );
      if (left > 0 && options.withhold(target)) {
        // Applied upstream; the client never hears so (its request timeout ends the wait).
        left -= 1;
        proxy.withheld += 1;
        return;
      }
      res.writeHead(answer.status, answer.headers).end(answer.body);
    })().catch((error: unknown) => res.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
