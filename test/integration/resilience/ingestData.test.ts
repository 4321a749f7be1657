/**
 * Issue #15, defects 2 and 4: what the ingest stores must be checked data of now. Real ingest cycle,
 * DynamoDB Local, the recorded 2026-02-01 upstream with faults (unit slips, 30-hour-old responses).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoNetworkRepository } from '../../../shared/adapters/dynamo/networkRepository';
import { createIngestSources } from '../../../shared/adapters/sources/ingestSources';
import { runIngestCycle } from '../../../shared/ingest/runIngestCycle';
import { silentTelemetry } from '../../../shared/ingest/telemetry';
import { useDynamoLocal } from '../../support/dynamoTable';
import { configFor, PATHS, readJsonFixture, SCENARIO_NOW, useFakeUpstream } from '../../support/fakeUpstream';

describe('ingest data checks (issue #15)', () => {
  const db = useDynamoLocal();
  const upstream = useFakeUpstream();
  beforeEach(() => upstream().clearFaults());

  async function setup(overrides: Record<string, unknown> = {}) {
    const table = await db.newTable();
    const config = configFor(upstream().baseUrl, overrides);
    const repository = new DynamoNetworkRepository(table.client, table.tableName);
    await repository.putDaily({ date: '2026-01-30', hashrateHps: 9.3e20, source: 'seed' });
    /** Every dataFreshnessSeconds the cycles report, in order. */
    const freshness: number[] = [];
    const cycle = (now: Date) =>
      runIngestCycle({
        sources: createIngestSources(config, { now: () => now }),
        repository,
        config,
        telemetry: { ...silentTelemetry, freshness: (seconds) => freshness.push(seconds) },
        now,
      });
    return { repository, cycle, freshness };
  }

  /** blockchain.info's /stats as it answers at `now` with its tip at `tipHeight`. */
  const chainStatsAt = (now: Date, tipHeight: number) => ({
    fault: {
      kind: 'body' as const,
      body: JSON.stringify({
        ...readJsonFixture<Record<string, unknown>>('blockchain-info/stats.derived-2026-02-01.json'),
        timestamp: now.getTime(),
        n_blocks_total: tipHeight,
      }),
    },
  });

  const hashrate = () =>
    readJsonFixture<{ hashrates: { timestamp: number; avgHashrate: number }[] } & Record<string, unknown>>(
      'mempool/hashrate-3m.derived-2026-02-01.json',
    );

  it('defect 2: a daily hashrate in GH/s is not stored as the day; the correct one a cycle later is', async () => {
    const { repository, cycle } = await setup();
    const ghs = hashrate();
    const last = ghs.hashrates.at(-1)!;
    last.avgHashrate = last.avgHashrate / 1e9;
    upstream().setFault(PATHS.hashrateCycle, { fault: { kind: 'body', body: JSON.stringify(ghs) }, times: 1 });
    const first = await cycle(SCENARIO_NOW);
    expect(first.status).toBe('stored'); // the snapshot itself is fine (current hashrate is in H/s)
    expect(first.dailyWritten).toEqual([]);
    expect((await repository.latestDaily())?.date).toBe('2026-01-30');

    const second = await cycle(new Date('2026-02-01T00:20:00Z'));
    expect(second.dailyWritten).toEqual(['2026-01-31']);
    expect((await repository.latestDaily())?.hashrateHps).toBeCloseTo(9.674041549245284e20, -10);
  });

  it('defect 2: block fees 10^6 too large never reach the day', async () => {
    // A 150-minute grace, so that the late cycle comes while the recorded tip block (23:57:31Z) is
    // under 3 hours old: a tip block older than that is stale chain data (issue #22).
    const { repository, cycle } = await setup({ schedule: { dailyRollupGraceMinutes: 150 } });
    const rows = readJsonFixture<{ avgFees: number }[]>('mempool/blocks-fees-3d.derived-2026-02-01.json');
    upstream().setFault(PATHS.blockFeesCycle, {
      fault: { kind: 'body', body: JSON.stringify(rows.map((r) => ({ ...r, avgFees: r.avgFees * 1e6 }))) },
    });
    const first = await cycle(SCENARIO_NOW);
    expect(first.dailyWritten).toEqual([]);
    // Past the grace the day is stored without the rejected totals, and says so.
    const late = await cycle(new Date('2026-02-01T02:40:00Z'));
    expect(late.dailyWritten).toEqual(['2026-01-31']);
    const day = await repository.latestDaily();
    expect(day?.feesBtc).toBeUndefined();
    expect(day?.source).toMatch(/blocks:rejected/);
  });

  it('defect 4: 30-hour-old tip, fees, difficulty and exchange prices are not stored as current', async () => {
    const { repository, cycle } = await setup();
    expect((await cycle(SCENARIO_NOW)).status).toBe('stored');
    // The same recorded responses, replayed 30 hours later: nothing in them is of now.
    const later = new Date(SCENARIO_NOW.getTime() + 30 * 3_600_000);
    const result = await cycle(later);
    expect(result.status).toBe('rejected');
    expect(result.reasons.join('; ')).toMatch(/stale/);
    expect((await repository.latestSnapshot())?.intervalStart).toBe('2026-02-01T00:10:00.000Z');
  });

  it('defect 4: a frozen tip (no new block for 3 hours while the ingest keeps running) is refused', async () => {
    const { repository, cycle } = await setup();
    const statuses: string[] = [];
    for (let minutes = 0; minutes <= 200; minutes += 10)
      statuses.push((await cycle(new Date(SCENARIO_NOW.getTime() + minutes * 60_000))).status);
    // Stored while a block gap is plausible (up to 3 h after the tip block's own time, 23:57:31Z:
    // until 02:50), then refused as stale.
    expect(statuses.slice(0, 17)).toEqual(Array(17).fill('stored'));
    expect(statuses.slice(17)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect((await repository.latestSnapshot())?.tipSeenSince).toBe(SCENARIO_NOW.toISOString());
  });

  it('issue #22: after an outage, a frozen mempool whose tip is ahead of the last snapshot is cross-checked with blockchain.info', async () => {
    const { repository, cycle } = await setup();
    // Before the outage: tip 934530 stored at 00:10.
    upstream().setFault(PATHS.tipHeight, { fault: { kind: 'body', body: '934530' }, times: 1 });
    upstream().setFault(PATHS.blockchainInfo, chainStatsAt(SCENARIO_NOW, 934_530));
    expect((await cycle(SCENARIO_NOW)).status).toBe('stored');
    // 40 minutes later mempool answers again, frozen at 934541 (ahead of the stored 934530) while
    // the chain, as blockchain.info sees it, is at 934549.
    const back = new Date(SCENARIO_NOW.getTime() + 40 * 60_000);
    upstream().setFault(PATHS.blockchainInfo, chainStatsAt(back, 934_549));
    const frozen = await cycle(back);
    expect(frozen.status).toBe('rejected');
    expect(frozen.reasons).toEqual([
      'tipHeight 934541 is 8 blocks behind the 934549 of blockchain.info: the chain data is stale (a frozen source)',
    ]);
    expect((await repository.latestSnapshot())?.tipHeight).toBe(934_530);
    // blockchain.info one block ahead (a block not yet seen by both): the tip is believed.
    const later = new Date(SCENARIO_NOW.getTime() + 50 * 60_000);
    upstream().setFault(PATHS.blockchainInfo, chainStatsAt(later, 934_542));
    const believed = await cycle(later);
    expect(believed.reasons).toEqual([]);
    expect(believed.status).toBe('stored');
  });

  it('issue #22: dataFreshnessSeconds is the age of the tip block, not of the ingest run', async () => {
    const { cycle, freshness } = await setup();
    expect((await cycle(SCENARIO_NOW)).status).toBe('stored');
    // Tip 934541 was mined at 1769903851 (23:57:31Z); the cycle ran at 00:10:00Z.
    expect(freshness).toEqual([SCENARIO_NOW.getTime() / 1000 - 1769903851]);
    // A rejected cycle 30 hours on reports the stored tip's age then.
    const later = new Date(SCENARIO_NOW.getTime() + 30 * 3_600_000);
    expect((await cycle(later)).status).toBe('rejected');
    expect(freshness[1]).toBe(later.getTime() / 1000 - 1769903851);
  });
});
