/**
 * The tip watch (issue #28, shared/ingest/tipWatch.ts) through the real ingest handler, on the
 * recorded 2026-02-01 responses (tip 934541 at 00:10Z) and DynamoDB Local under the ingest role.
 * A table is seeded by a scheduled cycle that saw the tip one block earlier (mempool answering
 * 934540, a block behind blockchain.info: within the lag the checks allow), so the recorded
 * response is the new block the watch finds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { partitionItems, useDynamoLocal } from '../../support/dynamoTable';
import { configJsonFor, PATHS, readFixture, useFakeUpstream } from '../../support/fakeUpstream';
import { loadIngestHandler, type LoadedHandler } from '../../support/ingestHarness';

const RECORDED_TIP = Number(readFixture('mempool/blocks-tip-height.derived-2026-02-01.txt'));
const SEEDED_TIP = RECORDED_TIP - 1;

describe('tip watch on the recorded 2026-02-01 responses', () => {
  const db = useDynamoLocal();
  const upstream = useFakeUpstream();
  afterEach(() => upstream().clearFaults());

  /** A table whose newest snapshot (2026-02-01T00:10Z) has the tip one block before the recorded one. */
  async function seeded(): Promise<{ ingest: LoadedHandler; snapshotKeys: () => Promise<string[]> }> {
    const { tableName, client, endpoint } = await db.newTable();
    const ingest = await loadIngestHandler({
      endpoint,
      tableName,
      config: configJsonFor(upstream().baseUrl, { backfill: { enabled: false } }),
    });
    // Until the seed is stored, not `times: 1`: on a loaded machine the cycle may retry its tip
    // request after a timeout, and the retry must see the seeded tip too.
    upstream().setFault(PATHS.tipHeight, { fault: { kind: 'body', body: String(SEEDED_TIP) } });
    const seed = await ingest.invoke({ now: '2026-02-01T00:10:30Z' });
    upstream().clearFaults();
    expect(seed.summary.cycle.status, JSON.stringify(seed.summary.cycle)).toBe('stored');
    expect(seed.summary.cycle.snapshot?.tipHeight).toBe(SEEDED_TIP);
    const snapshotKeys = async () =>
      (await partitionItems({ client, tableName }, 'NETWORK'))
        .map((i) => String(i.sk))
        .filter((sk) => sk.startsWith('SNAP#'));
    return { ingest, snapshotKeys };
  }

  it('runs a full cycle, keyed at its own minute, when a block arrived; does nothing on the same tip', async () => {
    const { ingest, snapshotKeys } = await seeded();

    const hitsBefore = upstream().hits(PATHS.tipHeight);
    const { summary, output } = await ingest.watch('2026-02-01T00:11:12Z');
    expect(summary.watch).toEqual({ status: 'new-tip', storedTipHeight: SEEDED_TIP, upstreamTipHeight: RECORDED_TIP });
    expect(summary.ingest?.cycle.status, JSON.stringify(summary.ingest?.cycle)).toBe('stored');
    expect(summary.ingest?.cycle.intervalStart).toBe('2026-02-01T00:11:00.000Z');
    expect(summary.ingest?.cycle.snapshot?.tipHeight).toBe(RECORDED_TIP);
    // the check's one request, then the cycle's own
    expect(upstream().hits(PATHS.tipHeight) - hitsBefore).toBe(2);
    expect(output.metric('SnapshotStored')).toBe(1);
    expect(await snapshotKeys()).toEqual(['SNAP#2026-02-01T00:10:00.000Z', 'SNAP#2026-02-01T00:11:00.000Z']);

    const quiet = await ingest.watch('2026-02-01T00:12:12Z');
    expect(quiet.summary).toEqual({
      watch: { status: 'same-tip', storedTipHeight: RECORDED_TIP, upstreamTipHeight: RECORDED_TIP },
    });
    expect(quiet.output.logs('INFO').some((l) => l.message === 'tip watch: nothing to do')).toBe(true);
    expect(quiet.output.logs('ERROR')).toEqual([]);
    // one request only: the light check
    expect(quiet.output.sourceCalls().map((c) => c.endpoint)).toEqual(['tip-height']);
    expect(await snapshotKeys()).toHaveLength(2);
  });

  it.each([
    ['a body that is not a number', 'abc', 'upstream-failed', /tip height .* is not an integer: "abc"/],
    ['a negative height', '-5', 'upstream-failed', /is not an integer: "-5"/],
    ['a height outside the sanity bounds', '12', 'implausible', /tipHeight 12 is outside \[500000, 10000000\]/],
    [
      'a height deeper behind the stored tip than a reorg',
      String(SEEDED_TIP - 7),
      'implausible',
      /tipHeight 934533 is 7 blocks behind the stored 934540, deeper than a reorg \(6 blocks\)/,
    ],
    [
      'a height further ahead than blocks can have arrived',
      String(SEEDED_TIP + 50),
      'implausible',
      /tipHeight 934590 is 50 blocks ahead of the stored 934540, more than the \d+ that can have arrived/,
    ],
  ])('refuses %s with an error naming tipHeight, and stores nothing', async (_name, body, status, message) => {
    const { ingest, snapshotKeys } = await seeded();
    upstream().setFault(PATHS.tipHeight, { fault: { kind: 'body', body, contentType: 'text/plain' } });

    const { summary, output } = await ingest.watch('2026-02-01T00:11:12Z');

    expect(summary.watch.status).toBe(status);
    expect(summary.ingest).toBeUndefined();
    const errors = output.logs('ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: 'tipHeight', status, storedTipHeight: SEEDED_TIP });
    expect(String(errors[0]?.message)).toMatch(/^tip watch: tipHeight from mempool refused: /);
    expect(String(errors[0]?.error)).toMatch(message);
    expect(await snapshotKeys()).toEqual(['SNAP#2026-02-01T00:10:00.000Z']);
  });

  it('a failed tip request is an error line, not a failed invocation', async () => {
    const { ingest, snapshotKeys } = await seeded();
    upstream().setFault(PATHS.tipHeight, { fault: { kind: 'status', status: 503 } });

    const { summary, output } = await ingest.watch('2026-02-01T00:11:12Z');

    expect(summary).toEqual({ watch: { status: 'upstream-failed', storedTipHeight: SEEDED_TIP } });
    expect(output.logs('ERROR')[0]).toMatchObject({ field: 'tipHeight', status: 'upstream-failed' });
    expect(output.metricValues('SourceFailures')).toEqual([1]);
    expect(await snapshotKeys()).toHaveLength(1);
  });

  it('a tip a block behind the stored one (a lagging instance) is a warning, not a cycle', async () => {
    const { ingest, snapshotKeys } = await seeded();
    upstream().setFault(PATHS.tipHeight, { fault: { kind: 'body', body: String(SEEDED_TIP - 1) } });

    const { summary, output } = await ingest.watch('2026-02-01T00:11:12Z');

    expect(summary.watch.status).toBe('behind');
    expect(output.logs('WARN').some((l) => l.status === 'behind')).toBe(true);
    expect(await snapshotKeys()).toHaveLength(1);
  });

  it('a watch and the scheduled cycle in the same minute store one snapshot between them', async () => {
    const { ingest, snapshotKeys } = await seeded();

    const [watched, scheduled] = await Promise.all([
      ingest.watch('2026-02-01T00:20:05Z'),
      ingest.invoke({ now: '2026-02-01T00:20:07Z' }),
    ]);

    expect(watched.summary.watch.status).toBe('new-tip');
    const statuses = [watched.summary.ingest?.cycle.status, scheduled.summary.cycle.status].sort();
    expect(statuses).toEqual(['duplicate', 'stored']);
    expect(await snapshotKeys()).toEqual(['SNAP#2026-02-01T00:10:00.000Z', 'SNAP#2026-02-01T00:20:00.000Z']);
  });

  it('does nothing before the first snapshot: the scheduled cycle (and the backfill) come first', async () => {
    const { tableName, endpoint } = await db.newTable();
    const ingest = await loadIngestHandler({ endpoint, tableName, config: configJsonFor(upstream().baseUrl) });
    const hitsBefore = upstream().hits(PATHS.tipHeight);

    const { summary } = await ingest.watch('2026-02-01T00:11:12Z');

    expect(summary).toEqual({ watch: { status: 'no-snapshot' } });
    expect(upstream().hits(PATHS.tipHeight)).toBe(hitsBefore);
  });
});
