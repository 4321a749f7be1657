/**
 * A site's interval prices in the table: one item per site and interval start
 * (POWER#<site> / PRICE#<startIso>), with the interval, the price in USD/MWh, where it came from
 * and when it was stored. Written with a conditional put, so an interval is stored once: a re-fetch
 * of the same price is `unchanged` (also what an SDK retry of a write that was applied but answered
 * late finds), and a different price for a stored interval is kept out and reported (`differing`),
 * never written over what a decision may already have read.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IntervalPrice } from '../../domain/power/intervalPrice';
import type { PowerPriceStore, PowerPriceWindow, StoredPrices } from '../../power/ports';
import { isConditionalCheckFailure, queryAllByPrefix, queryNewest, refusedItem, TableAdapter } from './documentClient';
import { canonicalIso } from '../../store/canonicalIso';
import { powerPriceItem, readPowerPrice } from '../../store/powerPrice';
import { keys } from '../../store/tableKeys';

/** Puts in flight at once: a backfill of days of 15-minute prices stays quick without bursting the table. */
const PUT_CONCURRENCY = 8;

export class DynamoPowerPriceRepository extends TableAdapter implements PowerPriceStore {
  /**
   * `nowMs` stamps `storedAt`: the time a new interval was known, which the sites' decision runs at
   * (computeSitePower.ts). The ingest's clock, so a simulation or a test decides in its own time.
   */
  constructor(
    client: DynamoDBClient,
    tableName: string,
    private readonly nowMs: () => number = Date.now,
  ) {
    super(client, tableName);
  }

  async putPrices(
    site: string,
    prices: readonly IntervalPrice[],
    expiresAtEpochSeconds: number,
  ): Promise<StoredPrices> {
    const outcome: StoredPrices = { stored: 0, unchanged: 0, differing: [] };
    const storedAt = new Date(this.nowMs()).toISOString();
    for (let i = 0; i < prices.length; i += PUT_CONCURRENCY) {
      const batch = prices.slice(i, i + PUT_CONCURRENCY);
      const results = await Promise.all(
        batch.map((price) => this.putOnce(site, price, storedAt, expiresAtEpochSeconds)),
      );
      results.forEach((result, j) => {
        if (result === 'stored') outcome.stored += 1;
        else if (result.usdPerMwh === batch[j]!.usdPerMwh) outcome.unchanged += 1;
        else
          outcome.differing.push({
            startIso: batch[j]!.startIso,
            storedUsdPerMwh: result.usdPerMwh,
            fetchedUsdPerMwh: batch[j]!.usdPerMwh,
          });
      });
    }
    return outcome;
  }

  /** 'stored', or the price already stored for the interval. */
  private async putOnce(
    site: string,
    price: IntervalPrice,
    storedAt: string,
    expiresAtEpochSeconds: number,
  ): Promise<'stored' | IntervalPrice> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: powerPriceItem(site, price, storedAt, expiresAtEpochSeconds),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'stored';
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      const stored = refusedItem(error);
      if (!stored) throw error;
      return readPowerPrice(stored);
    }
  }

  async latest(site: string): Promise<IntervalPrice | undefined> {
    const [item] = await queryNewest(this.doc, this.tableName, keys.powerPricePrefix(site), 1);
    return item ? readPowerPrice(item) : undefined;
  }

  async startingWithin(site: string, window: PowerPriceWindow): Promise<IntervalPrice[]> {
    const prefix = keys.powerPricePrefix(site);
    // BETWEEN is inclusive: the window's end is exclusive, so an interval starting exactly there is dropped.
    const items = await queryAllByPrefix(this.doc, this.tableName, prefix, {
      fromSk: `${prefix.skPrefix}${canonicalIso(window.fromIso)}`,
      toSk: `${prefix.skPrefix}${canonicalIso(window.toIso)}`,
    });
    const toMs = Date.parse(window.toIso);
    return items.map(readPowerPrice).filter((price) => Date.parse(price.startIso) < toMs);
  }
}
