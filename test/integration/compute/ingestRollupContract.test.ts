/**
 * The daily rollups the ingest writes (block count, issuance, fees) drive the compute's realized
 * hashprice and Puell multiple, through DynamoDB Local and the stream: the backfill ran the day
 * before (estimated days to 2026-01-30), the 00:10 cycle of 2026-02-01 wrote 2026-01-31 from
 * mempool's per-block list, all on the recorded responses. Puell needs 365 days; the 273 before
 * the recorded window come from the bundled Coin Metrics history, stored through the same
 * repository. Expected values: independent arithmetic on the recorded rows and the stored items.
 */
import { describe, expect, it } from 'vitest';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { DynamoNetworkRepository } from '../../../shared/adapters/dynamo/networkRepository';
import { DynamoProfitabilityRepository } from '../../../shared/adapters/dynamo/profitabilityRepository';
import { createIngestSources } from '../../../shared/adapters/sources/ingestSources';
import { runBackfill } from '../../../shared/ingest/backfill';
import { silentTelemetry } from '../../../shared/ingest/telemetry';
import { useDynamoLocal } from '../../support/dynamoTable';
import { configFor, configJsonFor, readJsonFixture, SCENARIO_NOW, useFakeUpstream } from '../../support/fakeUpstream';
import { loadIngestHandler } from '../../support/ingestHarness';
import { historyByDate, lambdaContext, pipeline } from '../../support/computeHarness';

const sns = mockClientUnderRole(SNSClient);

describe('ingest daily rollups -> realized hashprice and Puell multiple', () => {
  const db = useDynamoLocal();
  const upstream = useFakeUpstream();

  it('computes both from the items the ingest stored', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const table = await db.newTable();
    const repository = new DynamoNetworkRepository(table.client, table.tableName);

    // the first run, a day earlier: epochs and the estimated days up to 2026-01-30
    const dayBefore = new Date(SCENARIO_NOW.getTime() - 86_400_000);
    const sources = createIngestSources(configFor(upstream().baseUrl), { now: () => dayBefore });
    const backfill = await runBackfill({
      sources,
      repository,
      telemetry: silentTelemetry,
      hashratePeriod: '3m',
      now: dayBefore,
    });
    expect(backfill).toMatchObject({ status: 'complete', daysStored: 91 });
    // older days from the bundled Coin Metrics history, so that 365 days exist for Puell
    for (const day of historyByDate.values())
      if (day.date >= '2025-02-01' && day.date < '2025-11-01') await repository.putDaily(day);

    // the 00:10 cycle of 2026-02-01: the snapshot and the rollup of 2026-01-31
    const ingest = await loadIngestHandler({
      endpoint: table.endpoint,
      tableName: table.tableName,
      config: configJsonFor(upstream().baseUrl),
    });
    const { summary } = await ingest.invoke({ now: SCENARIO_NOW.toISOString() });
    expect(summary.cycle).toMatchObject({ status: 'stored', dailyWritten: ['2026-01-31'] });

    const p = pipeline(table);
    const events = await p.poller.nextEvents();
    for (const event of events) expect(await p.handler(event, lambdaContext())).toEqual({ batchItemFailures: [] });
    const record = await new DynamoProfitabilityRepository(table.client, table.tableName, 90).get(
      SCENARIO_NOW.toISOString(),
    );
    expect(record).toBeDefined();

    // realized hashprice of 2026-01-31: (138 blocks x 3.125 BTC + their fees) x $78,702 / 967.4 PH/s
    const start = Date.parse('2026-01-31T00:00:00Z') / 1000;
    const feeSats = readJsonFixture<{ timestamp: number; avgFees: number }[]>(
      'mempool/blocks-fees-3d.derived-2026-02-01.json',
    )
      .filter((r) => r.timestamp >= start && r.timestamp < start + 86_400)
      .reduce((sum, r) => sum + r.avgFees, 0);
    const hashratePhs = 9.674041549245284e20 / 1e15;
    const btcPerPhDay = (138 * 3.125 + feeSats / 1e8) / hashratePhs;
    expect(record!.hashprice.realized?.date).toBe('2026-01-31');
    expect(record!.hashprice.realized?.btcPerPhDay).toBeCloseTo(btcPerPhDay, 12);
    expect(record!.hashprice.realized?.usdPerPhDay).toBeCloseTo(btcPerPhDay * 78_702, 8);
    // about $35.3/PH/day, next to the expected hashprice of the same moment
    expect(record!.hashprice.realized!.usdPerPhDay / record!.hashprice.expectedUsdPerPhDay).toBeGreaterThan(0.9);
    expect(record!.hashprice.realized!.usdPerPhDay / record!.hashprice.expectedUsdPerPhDay).toBeLessThan(1.1);

    // Puell of 2026-01-31: the day's issuance in USD over the mean of the 365 stored days
    const stored = (await repository.listDaily('2025-02-01')).filter((d) => d.date <= '2026-01-31');
    expect(stored).toHaveLength(365);
    const issuanceUsd = stored.map((d) => d.issuanceBtc! * d.btcPriceUsd!);
    const meanUsd = issuanceUsd.reduce((a, b) => a + b, 0) / issuanceUsd.length;
    expect(record!.indicators.puell?.date).toBe('2026-01-31');
    expect(record!.indicators.puell?.issuanceUsd).toBeCloseTo(431.25 * 78_702, 6);
    expect(record!.indicators.puell?.issuanceSma365Usd).toBeCloseTo(meanUsd, 4);
    expect(record!.indicators.puell?.multiple).toBeCloseTo((431.25 * 78_702) / meanUsd, 10);
    // and within 2 % of Coin Metrics' own figures for the same 365 days
    const cm = stored.map((d) => historyByDate.get(d.date)!);
    const cmMean = cm.reduce((sum, d) => sum + d.issuanceBtc! * d.btcPriceUsd!, 0) / cm.length;
    const cmMultiple = (cm.at(-1)!.issuanceBtc! * cm.at(-1)!.btcPriceUsd!) / cmMean;
    expect(Math.abs(record!.indicators.puell!.multiple / cmMultiple - 1)).toBeLessThan(0.02);
  });
});
