/**
 * `npm run history -- update [--source <mempool base url>] [--cache <dir>]`: brings the history the
 * local tools read (the bundled history + this cache, localHistory.ts) up to yesterday, from
 * mempool.space or a self-hosted mempool (updateHistory.ts).
 */
import { parseArgs } from 'node:util';
import { runWhenEntryPoint } from '../runCli';
import { HISTORY_CACHE_ENV, HistoryCacheError, historyCacheDir } from './historyCache';
import type { History } from './localHistory';
import { updateHistory, type UpdateHistoryResult } from './updateHistory';

export const DEFAULT_MEMPOOL_URL = 'https://mempool.space';

export const HELP = `usage: npm run history -- update [--source <mempool base url>] [--cache <dir>]

Fetches every difficulty epoch and every UTC day after the end of the bundled history (and of the
cache) up to yesterday, from the mempool endpoints the first-run backfill uses, checks each with
the ingest's checks (units, bounds, outliers, chain facts) and appends it to a local cache that the
backtest, the calculator, the fleet model and the simulations read with the bundled history.
An update that meets a bad day stops at the last good one and names the day and the field; an
interrupted update resumes where it stopped. A cache fetched from another source, or written by a
newer version, is refused.

  --source <url>   mempool base URL (default ${DEFAULT_MEMPOOL_URL}; a self-hosted mempool works)
  --cache <dir>    the cache directory (default: the one the tools read, ${HISTORY_CACHE_ENV} or
                   .hashwatch/history-cache/ at the repo root, git-ignored)
  -h, --help       this help

Environment:
  ${HISTORY_CACHE_ENV}   which cache the local tools read with the bundled history: unset, the
                            default directory; "off", none (the bundled history alone, as the docs
                            and the tests read it); anything else, that directory`;

export function formatUpdateResult(result: UpdateHistoryResult): string[] {
  const stored = `${result.epochsStored} epoch(s) and ${result.daysStored} day(s) stored`;
  if (result.status === 'up-to-date') return [`history is up to date: it ends on ${result.lastDay}`];
  if (result.status === 'updated') return [`${stored}; the history now ends on ${result.lastDay}`];
  const p = result.problem!;
  return [
    `update stopped at ${p.at}, field ${p.field}: ${p.message}`,
    `${stored}; the history ends on ${result.lastDay}, the last good day (nothing after it was written)`,
  ];
}

/** `bundled` is the real bundled history unless a test gives another (a truncated one). */
export async function main(
  argv: string[],
  now: Date = new Date(),
  bundled?: History,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        source: { type: 'string', default: DEFAULT_MEMPOOL_URL },
        cache: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'update') {
    console.error(HELP);
    return 2;
  }
  const cacheDir = values.cache ?? historyCacheDir(env);
  if (cacheDir === false) {
    console.error(`error: ${HISTORY_CACHE_ENV}=off reads no cache, so there is none to update: give --cache <dir>`);
    return 2;
  }
  try {
    const result = await updateHistory({
      sourceBaseUrl: values.source,
      cacheDir,
      now,
      ...(bundled ? { bundled } : {}),
      log: (line) => console.error(line),
    });
    for (const line of formatUpdateResult(result)) console.log(line);
    return result.status === 'stopped' ? 1 : 0;
  } catch (error) {
    if (error instanceof HistoryCacheError) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

runWhenEntryPoint(import.meta.url, (argv) => main(argv));
