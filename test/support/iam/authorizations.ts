/**
 * What IAM checks for one AWS API request: the action(s) and resource ARN(s), with the condition
 * keys the request carries. One home for the mapping, used both by the SDK middleware (the
 * command's input) and by the deployed-artifact test's HTTP stand-in (the request body, which for
 * these JSON protocols has the input's shape).
 * - DynamoDB: the table's ARN, `/index/<name>` for a Query or Scan of an index; a transaction is
 *   checked item by item (TransactWriteItems has no action of its own), a batch table by table.
 * - SNS Publish: sns:Publish on the topic. SQS SendMessage: sqs:SendMessage on the queue.
 * - SSM GetParameter(s): ssm:GetParameter(s) on each parameter; WithDecryption also makes SSM call
 *   kms:Decrypt with the caller's identity, through SSM (kms:ViaService) and with the parameter's
 *   ARN as encryption context (kms:EncryptionContext:PARAMETER_ARN), as Parameter Store does.
 * - KMS: kms:<Operation> on the key (or alias).
 * An operation this module does not map throws, naming it: a call it cannot judge is not allowed.
 */
import type { Authorization } from './policyEvaluator';

export type AwsService = 'dynamodb' | 'sns' | 'ssm' | 'sqs' | 'kms';

export interface ArnScope {
  partition?: string;
  region: string;
  account: string;
}

/** The key id that stands for the AWS managed key aws/ssm (its real id is per account). */
export const AWS_SSM_MANAGED_KEY_ID = 'aws-managed-key-alias-aws-ssm';

const arn = (s: ArnScope, service: string, resource: string, account = s.account): string =>
  `arn:${s.partition ?? 'aws'}:${service}:${s.region}:${account}:${resource}`;

export const tableArn = (s: ArnScope, tableName: string): string =>
  tableName.startsWith('arn:') ? tableName : arn(s, 'dynamodb', `table/${tableName}`);

export const parameterArn = (s: ArnScope, name: string): string =>
  name.startsWith('arn:') ? name : arn(s, 'ssm', `parameter/${name.replace(/^\//, '')}`);

/** `https://sqs.us-east-1.amazonaws.com/123456789012/name` (or a local endpoint's) -> the queue ARN. */
export function queueArn(s: ArnScope, queueUrl: string): string {
  const [account, name] = new URL(queueUrl).pathname.split('/').filter(Boolean);
  if (!account || !name) throw new Error(`not a queue URL: ${queueUrl}`);
  return arn(s, 'sqs', name, account);
}

export function keyArn(s: ArnScope, keyId: string): string {
  if (keyId.startsWith('arn:')) return keyId;
  return arn(s, 'kms', keyId.startsWith('alias/') ? keyId : `key/${keyId}`);
}

const TRANSACTION_ITEM_ACTIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

const STREAM_OPERATIONS = new Set(['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams']);

function dynamoDb(s: ArnScope, operation: string, input: Record<string, unknown>): Authorization[] {
  const on = (table: string, action: string, index?: string): Authorization => ({
    action: `dynamodb:${action}`,
    resource: index ? `${tableArn(s, table)}/index/${index}` : tableArn(s, table),
  });
  if (STREAM_OPERATIONS.has(operation)) {
    if (operation === 'ListStreams') return [{ action: 'dynamodb:ListStreams', resource: '*' }];
    if (typeof input.StreamArn !== 'string')
      throw new Error(`DynamoDB Streams ${operation} names no stream: its stream is not known to this mapping`);
    return [{ action: `dynamodb:${operation}`, resource: input.StreamArn }];
  }
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const items = input.TransactItems as Array<Record<string, { TableName: string }>>;
    return items.flatMap((item) =>
      Object.entries(item).map(([kind, request]) => {
        const action = TRANSACTION_ITEM_ACTIONS[kind];
        if (!action) throw new Error(`unknown transaction item kind ${kind}`);
        return on(request.TableName, action);
      }),
    );
  }
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    return Object.keys(input.RequestItems as Record<string, unknown>).map((table) => on(table, operation));
  }
  const table = input.TableName;
  if (typeof table !== 'string') throw new Error(`DynamoDB ${operation} without a TableName`);
  return [on(table, operation, input.IndexName as string | undefined)];
}

function sns(operation: string, input: Record<string, unknown>): Authorization[] {
  if (operation === 'Publish' || operation === 'PublishBatch') {
    const topic = (input.TopicArn ?? input.TargetArn) as string | undefined;
    if (!topic) throw new Error(`SNS ${operation} without a TopicArn or TargetArn (a phone number is not used here)`);
    return [{ action: 'sns:Publish', resource: topic }];
  }
  throw new Error(`no IAM mapping for SNS ${operation}: add it to test/support/iam/authorizations.ts`);
}

function ssm(s: ArnScope, operation: string, input: Record<string, unknown>): Authorization[] {
  const names =
    operation === 'GetParameter'
      ? [input.Name as string]
      : operation === 'GetParameters'
        ? (input.Names as string[])
        : undefined;
  if (!names) throw new Error(`no IAM mapping for SSM ${operation}: add it to test/support/iam/authorizations.ts`);
  return names.flatMap((name) => {
    const resource = parameterArn(s, name);
    const read: Authorization = { action: `ssm:${operation}`, resource };
    if (input.WithDecryption !== true) return [read];
    const decrypt: Authorization = {
      action: 'kms:Decrypt',
      resource: keyArn(s, AWS_SSM_MANAGED_KEY_ID),
      context: {
        'kms:ViaService': `ssm.${s.region}.amazonaws.com`,
        'kms:EncryptionContext:PARAMETER_ARN': resource,
        'kms:CallerAccount': s.account,
      },
    };
    return [read, decrypt];
  });
}

function sqs(s: ArnScope, operation: string, input: Record<string, unknown>): Authorization[] {
  if (operation === 'GetQueueUrl') {
    const owner = (input.QueueOwnerAWSAccountId as string | undefined) ?? s.account;
    return [{ action: 'sqs:GetQueueUrl', resource: arn(s, 'sqs', String(input.QueueName), owner) }];
  }
  const queueUrl = input.QueueUrl;
  if (typeof queueUrl !== 'string') throw new Error(`SQS ${operation} without a QueueUrl`);
  // A batch needs the action of its single form (SendMessageBatch -> sqs:SendMessage).
  const action = operation.replace(/Batch$/, '');
  return [{ action: `sqs:${action}`, resource: queueArn(s, queueUrl) }];
}

function kms(s: ArnScope, operation: string, input: Record<string, unknown>): Authorization[] {
  const keyId = input.KeyId;
  if (typeof keyId !== 'string') throw new Error(`KMS ${operation} without a KeyId`);
  const context: Record<string, string> = { 'kms:CallerAccount': s.account };
  for (const [key, value] of Object.entries((input.EncryptionContext as Record<string, string> | undefined) ?? {}))
    context[`kms:EncryptionContext:${key}`] = value;
  return [{ action: `kms:${operation}`, resource: keyArn(s, keyId), context }];
}

/** The authorizations one request of `service` needs (the operation without its `Command` suffix). */
export function requiredAuthorizations(
  service: AwsService,
  operation: string,
  input: Record<string, unknown>,
  scope: ArnScope,
): Authorization[] {
  switch (service) {
    case 'dynamodb':
      return dynamoDb(scope, operation, input);
    case 'sns':
      return sns(operation, input);
    case 'ssm':
      return ssm(scope, operation, input);
    case 'sqs':
      return sqs(scope, operation, input);
    case 'kms':
      return kms(scope, operation, input);
  }
}

/** The SDK client's class name -> the service it calls (the signing name). */
export const SERVICE_OF_CLIENT: Readonly<Record<string, AwsService>> = {
  DynamoDBClient: 'dynamodb',
  DynamoDBStreamsClient: 'dynamodb',
  SNSClient: 'sns',
  SSMClient: 'ssm',
  SQSClient: 'sqs',
  KMSClient: 'kms',
};
