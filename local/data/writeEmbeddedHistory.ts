/**
 * `npx tsx local/data/writeEmbeddedHistory.ts`: writes the brotli copies (`<file>.br`) of the
 * history files the Lambda bundles embed, `btc_daily_projection.csv`, `btc_difficulty_epochs.csv`
 * and `fx_daily_ecb.csv` (esbuild's binary loader: infra/constructs/bundleOptions.ts). As text the projection's history
 * alone was 593 KiB of the calculator's 1,250 KiB bundle, and a cold start compiles and scans every
 * byte of a bundle whether a request projects or not; compressed it is about 240 KiB, inflated on the
 * first request that projects (a few milliseconds). Rerun after changing either CSV: a test checks
 * each .br inflates to exactly its CSV. writeProjectionHistory.ts runs this after writing its CSV.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { runWhenEntryPoint } from '../runCli';

/** The history files embedded compressed: the projection's columns, the difficulty epochs and the per-day exchange rates. */
export const EMBEDDED_HISTORY_FILES = [
  'btc_daily_projection.csv',
  'btc_difficulty_epochs.csv',
  'fx_daily_ecb.csv',
] as const;

const historyUrl = (file: string) => new URL(`../../shared/data/history/${file}`, import.meta.url);

/** Brotli at its best ratio (quality 11, 16 MiB window): written once, inflated per cold start at most. */
export function brotliOf(text: string): Buffer {
  return brotliCompressSync(Buffer.from(text, 'utf8'), {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

export function writeEmbeddedHistory(files: readonly string[] = EMBEDDED_HISTORY_FILES): void {
  for (const file of files) {
    const text = readFileSync(historyUrl(file), 'utf8');
    const compressed = brotliOf(text);
    writeFileSync(historyUrl(`${file}.br`), compressed);
    console.log(`wrote ${file}.br: ${compressed.length} bytes (${text.length} as text)`);
  }
}

export async function main(): Promise<number> {
  writeEmbeddedHistory();
  return 0;
}

runWhenEntryPoint(import.meta.url, main);
