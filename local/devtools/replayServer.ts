/**
 * A small HTTP server on 127.0.0.1 that replays recorded upstream responses and injects faults.
 * Tests use it as every upstream at once (mempool under /mempool, Coinbase under /coinbase, ...);
 * the local run can use it for an offline replay mode. Routes match on path + query exactly.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReplayResponse {
  status?: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Fault =
  | { kind: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  /** Holds the request open without answering (the client's timeout must fire). */
  | { kind: 'hang' }
  /** Destroys the socket as soon as the request arrives (ECONNRESET / "socket hang up"). */
  | { kind: 'reset' }
  /** Sends the first half of the recorded body as if it were complete. */
  | { kind: 'truncate' }
  /** Replaces the body (wrong types, missing fields, out-of-range or stale values). */
  | { kind: 'body'; body: string; contentType?: string }
  /** Streams `bytes` of JSON-ish filler in 64 KiB chunks (chunked, or with its content-length). */
  | { kind: 'oversize'; bytes: number; declareLength?: boolean };

export interface FaultRule {
  fault: Fault;
  /** Applies to the first `times` requests only (then the recorded response); default: always. */
  times?: number;
}

export interface ReplayServer {
  baseUrl: string;
  /** Requests seen per route, in order. */
  hits(path: string): number;
  setRoute(path: string, response: ReplayResponse): void;
  setFault(path: string, rule: FaultRule): void;
  /** Extra latency for every response (benchmarks). */
  setLatencyMs(ms: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const FILLER_CHUNK = Buffer.alloc(64 * 1024, 0x20);

/** Writes `bytes` of spaces, honouring backpressure, until done or the client goes away. */
function streamFiller(res: ServerResponse, bytes: number, declareLength: boolean): void {
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(declareLength ? { 'content-length': String(bytes) } : {}),
  });
  let left = bytes;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const chunk = left >= FILLER_CHUNK.length ? FILLER_CHUNK : FILLER_CHUNK.subarray(0, left);
      left -= chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => (left = 0));
  pump();
}

export async function startReplayServer(routes: Record<string, ReplayResponse>): Promise<ReplayServer> {
  const table = new Map(Object.entries(routes));
  const faults = new Map<string, FaultRule & { used: number }>();
  const hitCount = new Map<string, number>();
  const sockets = new Set<Socket>();
  let latencyMs = 0;

  const respond = (
    res: ServerResponse,
    status: number,
    body: string,
    contentType: string,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '/';
    hitCount.set(path, (hitCount.get(path) ?? 0) + 1);
    const recorded = table.get(path);
    const rule = faults.get(path);
    const active = rule && (rule.times === undefined || rule.used < rule.times) ? rule : undefined;
    if (active) active.used += 1;
    const fault = active?.fault;
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'oversize') {
      streamFiller(res, fault.bytes, fault.declareLength === true);
      return;
    }
    if (fault?.kind === 'status') {
      respond(
        res,
        fault.status,
        fault.body ?? `{"error":"injected ${fault.status}"}`,
        fault.contentType ?? 'application/json',
        fault.headers,
      );
      return;
    }
    if (!recorded) {
      respond(res, 404, `{"error":"no recorded response for ${path}"}`, 'application/json');
      return;
    }
    const contentType = recorded.contentType ?? 'application/json';
    if (fault?.kind === 'truncate')
      respond(res, 200, recorded.body.slice(0, Math.floor(recorded.body.length / 2)), contentType);
    else if (fault?.kind === 'body') respond(res, 200, fault.body, fault.contentType ?? contentType);
    else respond(res, recorded.status ?? 200, recorded.body, contentType, recorded.headers);
  };

  const server: Server = createServer((req, res) => {
    if (latencyMs > 0) setTimeout(() => handle(req, res), latencyMs);
    else handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits: (path) => hitCount.get(path) ?? 0,
    setRoute: (path, response) => void table.set(path, response),
    setFault: (path, rule) => void faults.set(path, { ...rule, used: 0 }),
    setLatencyMs: (ms) => {
      latencyMs = ms;
    },
    clearFaults: () => {
      faults.clear();
      hitCount.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
