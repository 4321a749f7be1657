/**
 * Is the upstream API reachable? One short request before the live run starts, so that a laptop
 * without internet gets a plain sentence and a way forward instead of a stack of fetch errors.
 */

export type Reachability = { ok: true } | { ok: false; reason: string };

export async function probeUpstream(
  baseUrl: string,
  timeoutMs = 4_000,
  fetchImpl: typeof fetch = fetch,
): Promise<Reachability> {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/blocks/tip/height`;
  try {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    if (response.status >= 500) return { ok: false, reason: `${url} answered HTTP ${response.status}` };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: describeFetchError(error) };
  }
}

/** The innermost cause of a fetch failure, in words (ENOTFOUND, ECONNREFUSED, timeout...). */
export function describeFetchError(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: string }).code;
    if (current.name === 'TimeoutError') return 'no answer within the timeout';
    if (code) return current.message.includes(code) ? current.message : `${code}: ${current.message}`;
    message = current.message || message;
    current = (current as Error & { cause?: unknown }).cause;
  }
  return message;
}

export function offlineMessage(baseUrl: string, reason: string): string {
  return [
    `Hashwatch is offline: it could not reach ${baseUrl} (${reason}).`,
    'A live run needs the public network APIs (mempool.space or your own mempool instance, and a price source).',
    'To see the whole pipeline work without internet, run it on recorded API responses:',
    '    npm start -- --replay',
    'or replay years of real history through the same detectors:',
    '    npm run backtest -- --from 2021-01-01 --to 2026-06-30',
    'To use a self-hosted mempool instance, set its base URL in HASHWATCH_INGEST_CONFIG.',
  ].join('\n');
}
