/**
 * The local history cache: what `npm run history -- update` fetched after the bundled history's
 * end, kept beside it (default `.hashwatch/history-cache/` at the repo root, git-ignored) and read
 * with it as one history (localHistory.ts).
 *
 * Layout: `manifest.json` (schema version, the mempool base URL the rows came from, when it was
 * created), `epochs.jsonl` and `days.jsonl` (one validated row per line, oldest first; a day's
 * line carries its exchange rates, `fxPerUsd`). Rows are
 * appended one at a time, each line written whole: an update that is interrupted leaves every day
 * it finished, and at most one torn last line, which opening drops (the next update fetches that
 * day again). A cache written from another source, or by a newer schema, is refused: its rows are
 * never mixed with another source's silently.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from '../../shared/schema/z';
import { currencySchema } from '../../shared/domain/currency';
import { dailyNetworkSchema } from '../../shared/domain/dailyNetwork';
import { difficultyEpochSchema, type DifficultyEpoch } from '../../shared/domain/difficultyEpoch';

/** Bumped when the files' meaning changes; a cache with a higher number is refused. */
export const HISTORY_CACHE_SCHEMA_VERSION = 1;

/** `.hashwatch/history-cache/` at the repository root (listed in .gitignore). */
export const DEFAULT_HISTORY_CACHE_DIR = fileURLToPath(new URL('../../.hashwatch/history-cache/', import.meta.url));

export class HistoryCacheError extends Error {
  override name = 'HistoryCacheError';
}

/**
 * The one switch of which cache the local tools read with the bundled history: unset (or empty),
 * the default directory; `off`, none (the bundled history only: the docs and the tests read
 * that, so their figures do not depend on a developer's cache); anything else, that directory.
 */
export const HISTORY_CACHE_ENV = 'HASHWATCH_HISTORY_CACHE';

/** The cache directory the local tools read, or false: the bundled history only. */
export type HistoryCacheSetting = string | false;

const MANIFEST_FILE = 'manifest.json';

/**
 * The directory HASHWATCH_HISTORY_CACHE names (a relative one is the working directory's), or
 * false for `off`: where `npm run history -- update` writes (it may not exist yet).
 */
export function historyCacheDir(env: NodeJS.ProcessEnv = process.env): HistoryCacheSetting {
  const value = env[HISTORY_CACHE_ENV];
  if (value === undefined || value === '') return DEFAULT_HISTORY_CACHE_DIR;
  return value === 'off' ? false : resolve(value);
}

/**
 * The cache the local tools read: as historyCacheDir, but a directory the variable names must
 * hold a cache (a mistyped path is said, not read as "no cache"); the default one need not.
 */
export function historyCacheSetting(env: NodeJS.ProcessEnv = process.env): HistoryCacheSetting {
  const dir = historyCacheDir(env);
  if (dir !== false && dir !== DEFAULT_HISTORY_CACHE_DIR && !existsSync(join(dir, MANIFEST_FILE)))
    throw new HistoryCacheError(
      `${HISTORY_CACHE_ENV} names ${dir}, which holds no history cache (no ${MANIFEST_FILE}): ` +
        `run \`npm run history -- update\` to make one there, or set ${HISTORY_CACHE_ENV}=off`,
    );
  return dir;
}
const DAYS_FILE = 'days.jsonl';
const EPOCHS_FILE = 'epochs.jsonl';

const manifestSchema = z.object({
  schemaVersion: z.int().check(z.positive()),
  /** The mempool base URL every row came from (trailing slashes removed). */
  source: z.string().check(z.minLength(1)),
  createdAt: z.iso.datetime(),
});
export type HistoryCacheManifest = z.infer<typeof manifestSchema>;

/**
 * A cached day: the daily row, and that day's exchange rates (units of each currency per USD) from
 * mempool's prices of the same observation (its historical prices carry every currency it prices
 * in), kept on the same line so a day and its rates are written, or torn, together.
 */
export const cachedDaySchema = z.extend(dailyNetworkSchema, {
  fxPerUsd: z.optional(z.partialRecord(currencySchema, z.number().check(z.positive()))),
});
export type CachedDay = z.infer<typeof cachedDaySchema>;

export interface HistoryCacheRows {
  manifest: HistoryCacheManifest;
  days: CachedDay[];
  epochs: DifficultyEpoch[];
}

/** The base URL as the manifest records it: a trailing slash does not make another source. */
export const normalizedSource = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');

function readManifest(dir: string): HistoryCacheManifest | undefined {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new HistoryCacheError(`${path} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HistoryCacheError(`${path}: ${issue.path.join('.') || 'manifest'}: ${issue.message}`);
  }
  if (parsed.data.schemaVersion > HISTORY_CACHE_SCHEMA_VERSION)
    throw new HistoryCacheError(
      `${path} has schema version ${parsed.data.schemaVersion}, newer than this checkout's ${HISTORY_CACHE_SCHEMA_VERSION}: ` +
        `update the checkout, or move the cache aside and run the update again`,
    );
  return parsed.data;
}

/**
 * The rows of `file`, each validated; a torn last line (no final newline: an interrupted write) is
 * dropped from the file when `repair` is set, refused otherwise.
 */
function readRows<T>(dir: string, file: string, schema: z.ZodMiniType<T>, repair: boolean): T[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  let text = readFileSync(path, 'utf8');
  if (text.length > 0 && !text.endsWith('\n')) {
    const keep = text.lastIndexOf('\n') + 1;
    if (!repair)
      throw new HistoryCacheError(`${path} ends with an incomplete line (an interrupted update): run the update again`);
    truncateSync(path, Buffer.byteLength(text.slice(0, keep)));
    text = text.slice(0, keep);
  }
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new HistoryCacheError(`${path} line ${i + 1} is not JSON`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new HistoryCacheError(`${path} line ${i + 1}: ${issue.path.join('.')}: ${issue.message}`);
      }
      return parsed.data;
    });
}

/** The cache's rows for reading, or undefined when `dir` holds no cache. */
export function readHistoryCache(dir: string): HistoryCacheRows | undefined {
  const manifest = readManifest(dir);
  if (!manifest) return undefined;
  return {
    manifest,
    days: readRows(dir, DAYS_FILE, cachedDaySchema, false),
    epochs: readRows(dir, EPOCHS_FILE, difficultyEpochSchema, false),
  };
}

export interface WritableHistoryCache extends HistoryCacheRows {
  appendDay(day: CachedDay): void;
  appendEpoch(epoch: DifficultyEpoch): void;
}

/**
 * Open (or create) the cache in `dir` for an update from `sourceBaseUrl`: refused when it was
 * written from another source or by a newer schema; a torn last line is dropped.
 */
export function openHistoryCache(dir: string, sourceBaseUrl: string, now: Date): WritableHistoryCache {
  const source = normalizedSource(sourceBaseUrl);
  let manifest = readManifest(dir);
  if (manifest && manifest.source !== source)
    throw new HistoryCacheError(
      `the history cache in ${dir} was fetched from ${manifest.source}, not ${source}: ` +
        `its rows are not mixed with another source's; give --cache another directory, or move this one aside`,
    );
  if (!manifest) {
    mkdirSync(dir, { recursive: true });
    manifest = { schemaVersion: HISTORY_CACHE_SCHEMA_VERSION, source, createdAt: now.toISOString() };
    writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  const days = readRows(dir, DAYS_FILE, cachedDaySchema, true);
  const epochs = readRows(dir, EPOCHS_FILE, difficultyEpochSchema, true);
  return {
    manifest,
    days,
    epochs,
    appendDay(day) {
      appendFileSync(join(dir, DAYS_FILE), `${JSON.stringify(day)}\n`);
      days.push(day);
    },
    appendEpoch(epoch) {
      appendFileSync(join(dir, EPOCHS_FILE), `${JSON.stringify(epoch)}\n`);
      epochs.push(epoch);
    },
  };
}
