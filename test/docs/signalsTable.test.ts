/**
 * docs/signals.md's table of signals is generated from the signal definitions
 * (shared/domain/signals/docsTable.ts, written by `npm run docs -- signals-table`): the block must
 * be what a fresh generation gives, so a signal added, or a default changed, shows in the docs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksOf, generatedBody, ROOT } from '../../local/backtest/docsBlocks';
import { SIGNALS } from '../../shared/domain/signals/detectors';

const FILE = join(ROOT, 'docs/signals.md');

describe('the signals table of docs/signals.md', () => {
  const blocks = blocksOf(FILE, readFileSync(FILE, 'utf8')).filter((b) => b.kind === 'signals-table');

  it('is one generated block, as npm run docs writes it', () => {
    expect(blocks.map((b) => b.mode)).toEqual(['generated']);
    expect(blocks[0]!.body).toBe(generatedBody('signals-table'));
  });

  it('has one row per documented signal, in the order of the list, with its default thresholds and dwell', () => {
    const rows = blocks[0]!.body.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => /^\| `([a-z-]+)`/.exec(row)?.[1])).toEqual(
      SIGNALS.filter((s) => s.docs() !== null).map((s) => s.signal),
    );
    const fleetShare = rows.find((row) => row.startsWith('| `fleet-share-negative`'));
    expect(fleetShare).toBe(
      '| `fleet-share-negative` | 15% of global hashrate cash-flow negative | critical at 20% | under 13% (2-point band) | 6 h / 48 h |',
    );
  });

  it('leaves out only site-resume, whose announcement site-curtail’s row words', () => {
    expect(SIGNALS.filter((s) => s.docs() === null).map((s) => s.signal)).toEqual(['site-resume']);
    expect(blocks[0]!.body).toContain('announced as `site-resume`');
  });
});
