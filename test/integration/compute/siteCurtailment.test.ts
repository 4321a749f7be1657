/**
 * The sites' run-or-curtail decision end to end on DynamoDB Local (issue #24): snapshots and power
 * price intervals INSERTed as the ingests write them, the table's stream read into the exact
 * DynamoDBStreamEvent Lambda delivers, the real compute handler under the deployed compute role,
 * SNS mocked with exact assertions on every Publish. One ERCOT site with two machine classes, the
 * strikes computed here from the stored hashprice by the break-even formula, and a price path that
 * curtails both, holds them through their minimum rest, resumes both, then goes stale.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../../shared/adapters/dynamo/documentClient';
import { DynamoPowerPriceRepository } from '../../../shared/adapters/dynamo/powerPriceRepository';
import { DynamoProfitabilityRepository } from '../../../shared/adapters/dynamo/profitabilityRepository';
import { keys } from '../../../shared/store/tableKeys';
import { modeChangeSchema } from '../../../shared/domain/power/curtailmentTimeline';
import type { IntervalPrice } from '../../../shared/domain/power/intervalPrice';
import { signalEventSchema } from '../../../shared/domain/signals';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { useDynamoLocal } from '../../support/dynamoTable';
import { lambdaContext, pipeline, putSnapshot, snapshotAt } from '../../support/computeHarness';
import { answerPublishes, BEFORE_460, tableAround460 } from '../../support/epoch460';

const sns = mockClientUnderRole(SNSClient);
const SITE = 'Midland';
const CONFIG = {
  fleets: [
    {
      name: 'Midland fleet',
      machines: [
        { model: 'S19 XP', count: 300 },
        { model: 'S21', count: 200 },
      ],
      powerPriceUsdPerKwh: 0.045,
    },
  ],
  sites: [
    {
      name: SITE,
      powerCapacityMw: 5,
      powerPrice: { type: 'ercot', settlementPoint: 'LZ_WEST', expectedUsdPerMwh: 40 },
      fleets: ['Midland fleet'],
      curtailment: { marginUsdPerMwh: 5, minRunMinutes: 30, minRestMinutes: 30, maxPriceAgeMinutes: 45 },
    },
  ],
};
const MINUTE = 60_000;

/** A real-time (15-minute) interval starting at `startIso`. */
function rtInterval(startIso: string, usdPerMwh: number): IntervalPrice {
  const startMs = Date.parse(startIso);
  return {
    startIso: new Date(startMs).toISOString(),
    endIso: new Date(startMs + 15 * MINUTE).toISOString(),
    intervalMinutes: 15,
    usdPerMwh,
    source: 'ercot-api-rt',
    market: 'ERCOT',
    location: 'LZ_WEST',
  };
}

describe('site curtailment: price and hashprice -> site-curtail / site-resume, once, in order', () => {
  const db = useDynamoLocal();
  beforeEach(() => answerPublishes(sns));

  /** The site signals' publishes, in publish order (the snapshot's own signals are left out). */
  const published = () =>
    sns
      .commandCalls(PublishCommand)
      .map((c) => c.args[0].input)
      .map((input) => ({
        attributes: input.MessageAttributes!,
        document: signalEventSchema.parse(JSON.parse(JSON.parse(input.Message!).https)),
      }))
      .filter((e) => e.document.signal.startsWith('site-'));

  it('curtails both classes above their strikes, holds their rest, resumes both, and says when the price goes stale', async () => {
    const table = await tableAround460(db);
    const p = pipeline(table, { config: CONFIG });
    const run = async () => {
      const events = await p.poller.nextEvents();
      for (const event of events) expect(await p.handler(event, lambdaContext())).toEqual({ batchItemFailures: [] });
      return events;
    };
    const storeAt = (storedAtIso: string, price: IntervalPrice) =>
      new DynamoPowerPriceRepository(table.client, table.tableName, () => Date.parse(storedAtIso)).putPrices(
        SITE,
        [price],
        Math.floor(Date.parse(storedAtIso) / 1000) + 400 * 86_400,
      );

    // 1. The first snapshot: no price stored for the site yet -> site-power-stale, critical.
    const snapshot = snapshotAt(BEFORE_460);
    await putSnapshot(table, snapshot);
    await run();
    const record = await new DynamoProfitabilityRepository(table.client, table.tableName, 90).get(BEFORE_460);
    const hashprice = record!.hashprice.expectedUsdPerPhDay;
    // The strikes by independent arithmetic: USD/MWh = hashprice/1000 x (1 - 2 % pool fee) / (J/TH x 0.024) x 1000.
    const strike = (jPerTh: number) => ((hashprice / 1000) * 0.98 * 1000) / (jPerTh * 0.024);
    const s19xp = record!.machines.find((m) => m.id === 'antminer-s19-xp')!;
    const s21 = record!.machines.find((m) => m.id === 'antminer-s21')!;
    const strikeXp = strike(s19xp.efficiencyJPerTh);
    const strike21 = strike(s21.efficiencyJPerTh);
    expect(strike21 - strikeXp).toBeGreaterThan(15); // the path below needs the two strikes apart
    expect(published().map((e) => [e.document.signal, e.document.transition, e.document.severity])).toEqual([
      ['site-power-stale', 'raised', 'critical'],
    ]);

    // 2. A price under both strikes, stored a minute after its interval: both run; the stale signal clears.
    await storeAt('2025-12-11T03:46:00Z', rtInterval('2025-12-11T03:30:00Z', 30));
    await run();
    // 3. A price well above both strikes: both curtailed, effective from the next interval (04:00).
    await storeAt('2025-12-11T04:01:00Z', rtInterval('2025-12-11T03:45:00Z', strike21 + 50));
    const curtailRecords = await run();
    // The same stream records delivered again (a Lambda retry): nothing new.
    for (const event of curtailRecords)
      expect(await p.handler(event, lambdaContext('retry'))).toEqual({ batchItemFailures: [] });
    // 4. Under the S21's strike by more than the margin, but 15 minutes into a 30-minute rest: held.
    await storeAt('2025-12-11T04:16:00Z', rtInterval('2025-12-11T04:00:00Z', strike21 - 10));
    await run();
    // 5. Under both strikes after the rest: both resume.
    await storeAt('2025-12-11T04:31:30Z', rtInterval('2025-12-11T04:15:00Z', strikeXp - 20));
    await run();
    // 6. A snapshot 90 minutes after the last interval ended: stale, no decision taken.
    await putSnapshot(table, snapshotAt('2025-12-11T06:00:00.000Z'));
    await run();

    const events = published();
    expect(events.map((e) => [e.document.signal, e.document.transition])).toEqual([
      ['site-power-stale', 'raised'],
      ['site-power-stale', 'cleared'],
      ['site-curtail', 'raised'],
      ['site-curtail', 'raised'],
      ['site-resume', 'cleared'],
      ['site-resume', 'cleared'],
      ['site-power-stale', 'raised'],
    ]);
    // The two classes change at the same decision: each once, in either order.
    const classes = [`${SITE}/Antminer S19 XP`, `${SITE}/Antminer S21`];
    expect(
      events
        .slice(2, 4)
        .map((e) => e.document.subject)
        .sort(),
    ).toEqual(classes);
    expect(
      events
        .slice(4, 6)
        .map((e) => e.document.subject)
        .sort(),
    ).toEqual(classes);
    // Exactly once: every event id once, and the SNS attributes subscribers filter on say the same.
    expect(new Set(events.map((e) => e.document.id)).size).toBe(events.length);
    for (const e of events) expect(e.attributes.signal).toEqual({ DataType: 'String', StringValue: e.document.signal });
    const curtail = events.filter((e) => e.document.signal === 'site-curtail');
    for (const e of curtail) {
      expect(e.document.occurredAt).toBe('2025-12-11T04:01:00.000Z');
      expect(e.document.evidence.values).toMatchObject({
        mode: 'curtail',
        priceUsdPerMwh: strike21 + 50,
        effectiveFromIso: '2025-12-11T04:00:00.000Z',
      });
      expect(e.document.title).toMatch(
        /^Curtail Antminer S(19 XP|21) at Midland: power \$[\d,.]+\/MWh above its \$[\d,.]+\/MWh strike$/,
      );
    }
    const resume = events.filter((e) => e.document.signal === 'site-resume');
    // A resume closes the curtailment's episode: the same episode id as its raise.
    for (const e of resume) {
      const raise = curtail.find((c) => c.document.subject === e.document.subject)!;
      expect(e.document.episode.id).toBe(raise.document.id);
      expect(e.document.occurredAt).toBe('2025-12-11T04:31:30.000Z');
      expect(e.document.evidence.values.strikeUsdPerMwh).toBeCloseTo(
        e.document.subject.endsWith('S21') ? strike21 : strikeXp,
        6,
      );
    }
    const stale = events.at(-1)!;
    expect(stale.document.severity).toBe('warning');
    // Decided at the snapshot's observation (06:00:42), 90.7 minutes after the last interval ended (04:30).
    expect(stale.document.occurredAt).toBe('2025-12-11T06:00:42.000Z');
    expect(stale.document.evidence.values.priceAgeMinutes).toBeCloseTo(90.7, 6);

    // The site's timeline: the four mode changes, stored with their events.
    const timeline = await documentClient(table.client).send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.curtailmentModeChangePrefix(SITE).pk,
          ':prefix': keys.curtailmentModeChangePrefix(SITE).skPrefix,
        },
      }),
    );
    const changes = timeline.Items!.map((item) =>
      modeChangeSchema.parse(
        Object.fromEntries(Object.entries(item).filter(([k]) => !['pk', 'sk', 'entity'].includes(k))),
      ),
    );
    expect(changes.map((c) => [c.effectiveIso, c.machineClass, c.mode])).toEqual([
      ['2025-12-11T04:00:00.000Z', 'Antminer S19 XP', 'curtail'],
      ['2025-12-11T04:00:00.000Z', 'Antminer S21', 'curtail'],
      ['2025-12-11T04:30:00.000Z', 'Antminer S19 XP', 'run'],
      ['2025-12-11T04:30:00.000Z', 'Antminer S21', 'run'],
    ]);
    expect(changes.map((c) => c.eventId).sort()).toEqual([...curtail, ...resume].map((e) => e.document.id).sort());
  });
});
