/**
 * The pipeline tests' scenario: epoch 460 (2025-12-11T03:47:42Z, -0.74%) was the third negative
 * adjustment in a row. A snapshot minutes before it raises the streak, one minutes after escalates it;
 * SNS (mocked) accepts every publish.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { seedDaily, seedEpochs } from './computeHarness';
import type { TestTable, useDynamoLocal } from './dynamoTable';

export const BEFORE_460 = '2025-12-11T03:40:00.000Z';
export const AFTER_460 = '2025-12-11T03:50:00.000Z';

/** A new table seeded for BEFORE_460 and AFTER_460: the 400 days before 2025-12-11 and epochs 400 to 463. */
export async function tableAround460(db: ReturnType<typeof useDynamoLocal>): Promise<TestTable> {
  const table = await db.newTable();
  await seedDaily(table, '2025-12-11', 400);
  await seedEpochs(table, 400, 463);
  return table;
}

/** Resets the SNS mock and answers every Publish with the MessageIds msg-1, msg-2, ... in order. */
export function answerPublishes(sns: AwsClientStub<SNSClient>): void {
  sns.reset();
  let n = 0;
  sns.on(PublishCommand).callsFake(() => ({ MessageId: `msg-${(n += 1)}` }));
}
