/**
 * The Lambda bundles embed the projection's history, the difficulty epochs and the per-day exchange
 * rates brotli-compressed (projectionHistoryText.embedded.ts, difficultyEpochsText.embedded.ts,
 * fxDailyText.embedded.ts): each .br beside its CSV must be exactly the CSV, or the deployed
 * calculator, ingest and read API would read other figures than the tests and the local run.
 * test/deployed/artifact.test.ts reads the first two through the synthesized bundles (the calculator's
 * realized path, the ingest's backfill).
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brotliOf, EMBEDDED_HISTORY_FILES } from '../../../local/data/writeEmbeddedHistory';
import { difficultyEpochsText } from '../../../shared/data/history/difficultyEpochsText';
import { fxDailyText } from '../../../shared/data/history/fxDailyText';
import { projectionHistoryText } from '../../../shared/data/history/projectionHistoryText';

const historyFile = (name: string) => new URL(`../../../shared/data/history/${name}`, import.meta.url);
const inflated = (name: string) => brotliDecompressSync(readFileSync(historyFile(name))).toString('utf8');

describe('embedded history (.br)', () => {
  it.each([
    ['btc_daily_projection.csv', projectionHistoryText, 'date,price_usd,'],
    ['btc_difficulty_epochs.csv', difficultyEpochsText, 'epoch,'],
    ['fx_daily_ecb.csv', fxDailyText, 'date,usd_per_eur,'],
  ] as const)(
    '%s.br inflates to exactly the CSV (regenerate: npx tsx local/data/writeEmbeddedHistory.ts)',
    (file, text, header) => {
      expect([...EMBEDDED_HISTORY_FILES].sort()).toEqual(
        ['btc_daily_projection.csv', 'btc_difficulty_epochs.csv', 'fx_daily_ecb.csv'].sort(),
      );
      const csv = text();
      expect(csv.startsWith(header)).toBe(true);
      expect(inflated(`${file}.br`)).toBe(csv);
    },
  );

  it('compresses to well under half the text, and round-trips', () => {
    const csv = projectionHistoryText();
    const compressed = brotliOf(csv);
    expect(compressed.length).toBeLessThan(csv.length / 2);
    expect(brotliDecompressSync(compressed).toString('utf8')).toBe(csv);
  });
});
