/**
 * docs/notifications.md's table of channels is generated from the channel registry
 * (shared/notify/channels/docsTable.ts, written by `npm run docs -- channels-table`): the block must
 * be what a fresh generation gives, so a channel added, renamed or given a field shows in the docs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksOf, generatedBody, ROOT } from '../../local/backtest/docsBlocks';
import { CHANNELS } from '../../shared/notify/channels';

const FILE = join(ROOT, 'docs/notifications.md');

describe('the channels table of docs/notifications.md', () => {
  const blocks = blocksOf(FILE, readFileSync(FILE, 'utf8')).filter((b) => b.kind === 'channels-table');

  it('is one generated block, as npm run docs writes it', () => {
    expect(blocks.map((b) => b.mode)).toEqual(['generated']);
    expect(blocks[0]!.body).toBe(generatedBody('channels-table'));
  });

  it('has one row per registered channel, naming its secret parameter fields', () => {
    const rows = blocks[0]!.body.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => /^\| `([a-z0-9]+)`/.exec(row)?.[1])).toEqual(CHANNELS.map((c) => c.type));
    expect(rows[0]).toContain('`botTokenParameter`');
    expect(rows[3]).toContain('`signingSecretParameter`');
  });
});
