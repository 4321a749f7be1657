import { describe, expect, it } from 'vitest';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { useDynamoLocal } from '../support/dynamoTable';

describe('DynamoDB Local', () => {
  const db = useDynamoLocal();

  it('creates the Hashwatch table with a NEW_IMAGE stream and TTL on expiresAt', async () => {
    const { client, tableName } = await db.newTable();
    const table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiresAt');
  });
});
