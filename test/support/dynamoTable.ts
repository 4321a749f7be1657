/**
 * Test fixture: one DynamoDB Local per test file and a fresh table per call, torn down afterwards.
 * Usage in a test file:
 *   const db = useDynamoLocal();            // starts in beforeAll, stops in afterAll
 *   const { tableName, client } = await db.newTable();
 */
import { afterAll, beforeAll } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { startDynamoLocal, type DynamoLocal, type StartOptions } from '../../local/devtools/dynamoLocal';
import { createHashwatchTable } from '../../local/devtools/createTable';
import { localDynamoClient } from '../../local/devtools/localClient';
import { documentClient, queryAllByPrefix } from '../../shared/adapters/dynamo/documentClient';
import { useIamEnforcement } from './iam/iamTestHooks';
import { synthesizedStacks } from './iam/synthesizedTemplate';

export interface TestTable {
  tableName: string;
  streamArn: string;
  /**
   * The test's own client (setup, seeding, assertions): it plays an administrator and is not
   * restricted. Code under test gets a client of its own under its function's role (the harnesses).
   */
  client: DynamoDBClient;
  endpoint: string;
}

export function useDynamoLocal(options: StartOptions = {}): { newTable(): Promise<TestTable>; endpoint(): string } {
  let local: DynamoLocal | undefined;
  const clients: DynamoDBClient[] = [];
  // Every file with a table runs its product code under the deployed roles: a refusal the test
  // did not expect fails it, even one the code swallowed.
  useIamEnforcement();
  beforeAll(async () => {
    // The roles' templates, synthesized once (cached on disk) before any test needs them.
    synthesizedStacks();
    local = await startDynamoLocal(options);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await local?.stop();
  });
  const endpoint = (): string => {
    if (!local) throw new Error('DynamoDB Local is not started (call useDynamoLocal() at file scope)');
    return local.endpoint;
  };
  return {
    endpoint,
    async newTable() {
      const client = localDynamoClient(endpoint());
      clients.push(client);
      const tableName = `hashwatch-test-${randomUUID().slice(0, 8)}`;
      const { streamArn } = await createHashwatchTable(client, tableName);
      return { tableName, streamArn, client, endpoint: endpoint() };
    },
  };
}

/**
 * Every item of one partition, whatever its sort key, sorted by it, all pages: what the tests
 * assert a run stored (the whole partition, not a reader's prefix, so a stray item shows too).
 */
export async function partitionItems(
  table: Pick<TestTable, 'client' | 'tableName'>,
  pk: string,
): Promise<Record<string, unknown>[]> {
  return queryAllByPrefix(documentClient(table.client), table.tableName, { pk });
}
