/**
 * Issue #15, defect 8: the deployed ingest ignores a `now` in its event (any invoker could store
 * future-dated snapshots that skip the outlier checks and freeze the signals); the local run and
 * the tests opt in with HASHWATCH_ALLOW_CLOCK_OVERRIDE=true, which the infra never sets.
 */
import { describe, expect, it } from 'vitest';
import { useDynamoLocal } from '../../support/dynamoTable';
import { configJsonFor, useFakeUpstream } from '../../support/fakeUpstream';
import { loadIngestHandler } from '../../support/ingestHarness';

describe('ingest clock override (issue #15, defect 8)', () => {
  const db = useDynamoLocal();
  const upstream = useFakeUpstream();

  it('is ignored, with a warning, unless the environment allows it', async () => {
    const { tableName, endpoint } = await db.newTable();
    const config = configJsonFor(upstream().baseUrl, { backfill: { enabled: false } });
    const deployed = await loadIngestHandler({ endpoint, tableName, config, allowClockOverride: false });
    const { summary, output } = await deployed.invoke({ now: '2030-01-01T00:00:00Z' });
    expect(summary.cycle.intervalStart).not.toMatch(/^2030/);
    expect(Math.abs(Date.parse(summary.cycle.intervalStart) - Date.now())).toBeLessThan(3_600_000);
    expect(output.logs('WARN').find((l) => l.message === 'clock override ignored')).toMatchObject({
      requestedNow: '2030-01-01T00:00:00Z',
    });

    const local = await loadIngestHandler({ endpoint, tableName, config, allowClockOverride: true });
    expect((await local.invoke({ now: '2030-01-01T00:00:00Z' })).summary.cycle.intervalStart).toBe(
      '2030-01-01T00:00:00.000Z',
    );
  });
});
