/**
 * The local cache of fetched power prices (`.local/power/`, one file per market, location and
 * report), for backtests on a real series: every price in it passed the same checks as a stored
 * price (powerPriceChecks.ts), and a new fetch merges into it. A file of another schema version, or
 * one holding another location or source than the name says, is refused with a message rather than
 * mixed in; a price that differs from the cached one for the same interval is a conflict, and
 * nothing is written.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as z from '../../shared/schema/z';
import type { IntervalPrice } from '../../shared/domain/power/intervalPrice';
import { intervalPriceSchema } from '../../shared/domain/power/intervalPriceSchema';
import { checkIntervalPrices, type PriceCheckOptions } from '../../shared/domain/power/powerPriceChecks';

export const POWER_CACHE_SCHEMA_VERSION = 1;

const cacheFileSchema = z.strictObject({
  schemaVersion: z.int(),
  market: z.string(),
  location: z.string(),
  prices: z.array(intervalPriceSchema),
});

export interface PowerCacheKey {
  market: IntervalPrice['market'];
  location: string;
  /** rt, dam, or the feed's name: one series per file. */
  series: string;
}

export function powerCachePath(cacheDir: string, key: PowerCacheKey): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_');
  return join(cacheDir, `${safe(key.market)}-${safe(key.location)}-${safe(key.series)}.json`);
}

/** A cache file as written (checked: its schema and version), whatever it holds. */
export async function readPowerCacheFile(path: string): Promise<z.output<typeof cacheFileSchema> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not JSON (${(error as Error).message}); move it away to fetch afresh`, { cause: error });
  }
  const parsed = cacheFileSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${path}: not a power price cache (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}); move it away to fetch afresh`,
    );
  if (parsed.data.schemaVersion !== POWER_CACHE_SCHEMA_VERSION)
    throw new Error(
      `${path}: schema version ${parsed.data.schemaVersion}, this Hashwatch reads ${POWER_CACHE_SCHEMA_VERSION}; move it away to fetch afresh`,
    );
  return parsed.data;
}

export async function readPowerCache(path: string, key: PowerCacheKey): Promise<IntervalPrice[]> {
  const file = await readPowerCacheFile(path);
  if (!file) return [];
  if (file.market !== key.market || file.location !== key.location)
    throw new Error(`${path}: holds ${file.market} ${file.location}, not ${key.market} ${key.location}`);
  return file.prices;
}

/** Cached + fetched, checked together (a conflict throws before anything is written), then written atomically. */
export async function mergeIntoPowerCache(
  path: string,
  key: PowerCacheKey,
  fetched: readonly IntervalPrice[],
  checks: PriceCheckOptions,
): Promise<{ prices: IntervalPrice[]; added: number; gaps: number }> {
  const cached = await readPowerCache(path, key);
  const checked = checkIntervalPrices([...cached, ...fetched], checks);
  const file = {
    schemaVersion: POWER_CACHE_SCHEMA_VERSION,
    market: key.market,
    location: key.location,
    prices: checked.prices,
  };
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(file, null, 1)}\n`);
  await rename(temporary, path);
  return { prices: checked.prices, added: checked.prices.length - cached.length, gaps: checked.gaps.length };
}
