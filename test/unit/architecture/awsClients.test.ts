/**
 * Every AWS SDK client of the product is built by the factory in shared/adapters/aws/ (one file per
 * client), which carries the project's timeouts and retry budget: a client built anywhere else in
 * shared/, functions/, infra/ or local/ is refused here, so a new function cannot forget them (the
 * notifier's clients did, and hung 95 s against a stalled endpoint past its 90 s timeout).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsClientConstructions } from '../../support/awsClientConstructions';
import { REPO_ROOT, tsFilesUnder } from '../../support/importGraph';

const FACTORY_DIR = 'shared/adapters/aws/';

describe('AWS SDK clients are built only by the factory', () => {
  it('no product file outside shared/adapters/aws/ constructs an @aws-sdk client', () => {
    const offending = ['shared', 'functions', 'infra', 'local']
      .flatMap(tsFilesUnder)
      .filter((file) => !file.startsWith(FACTORY_DIR))
      .flatMap((file) =>
        awsClientConstructions(readFileSync(join(REPO_ROOT, file), 'utf8')).map((c) => `${file}:${c.line}: ${c.text}`),
      );
    expect(offending).toEqual([]);
  });

  it('the factory builds each client it exports (the rule reads what it should)', () => {
    const built = tsFilesUnder('shared/adapters/aws').flatMap((file) =>
      awsClientConstructions(readFileSync(join(REPO_ROOT, file), 'utf8')).map(() => file),
    );
    expect(built.sort()).toEqual([
      'shared/adapters/aws/dynamoDbClient.ts',
      'shared/adapters/aws/dynamoDbStreamsClient.ts',
      'shared/adapters/aws/lambdaClient.ts',
      'shared/adapters/aws/snsClient.ts',
      'shared/adapters/aws/ssmClient.ts',
    ]);
  });

  it('refuses a negative sample: a client built without the factory, also under an alias or a namespace', () => {
    const sample = [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { SSMClient as Ssm } from '@aws-sdk/client-ssm';",
      "import * as sns from '@aws-sdk/client-sns';",
      'const a = new DynamoDBClient({});',
      'const b = new Ssm({ region: "us-east-1" });',
      'const c = new sns.SNSClient({});',
      'const d = new Map();',
    ].join('\n');
    expect(awsClientConstructions(sample).map((c) => c.line)).toEqual([4, 5, 6]);
  });
});
