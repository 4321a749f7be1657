/**
 * The Lambda bundles embed the projection's history and the difficulty epochs brotli-compressed
 * (projectionHistoryText.embedded.ts, difficultyEpochsText.embedded.ts): each .br beside its CSV
 * must be exactly the CSV, or the deployed calculator and ingest would read other figures than the
 * tests and the local run. test/deployed/artifact.test.ts reads both through the synthesized bundles.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brotliOf, EMBEDDED_HISTORY_FILES } from '../../../local/data/writeEmbeddedHistory';
import { difficultyEpochsText } from '../../../shared/data/history/difficultyEpochsText';
import { projectionHistoryText } from '../../../shared/data/history/projectionHistoryText';

const historyFile = (name: string) => new URL(`../../../shared/data/history/${name}`, import.meta.url);
const inflated = (name: string) => brotliDecompressSync(readFileSync(historyFile(name))).toString('utf8');

describe('embedded history (.br)', () => {
  it.each([
    ['btc_daily_projection.csv', projectionHistoryText, 'date,price_usd,'],
    ['btc_difficulty_epochs.csv', difficultyEpochsText, 'epoch,'],
  ] as const)(
    '%s.br inflates to exactly the CSV (regenerate: npx tsx local/data/writeEmbeddedHistory.ts)',
    (file, text, header) => {
      expect(EMBEDDED_HISTORY_FILES).toContain(file);
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
