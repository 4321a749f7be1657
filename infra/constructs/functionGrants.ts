/**
 * Every action a Hashwatch function's role is granted, in one place: the ones its code sends,
 * derived from what the deployed assets actually call (test/deployed/artifact.test.ts runs each
 * asset as Lambda does, records every AWS call and fails on a call the role does not allow, or on
 * a grant the asset never sends), and the ones AWS services send with the role on the function's
 * behalf, each with the reason it is needed, since no run of the code can show them.
 */

/**
 * Table actions per function: exactly what its code sends (the deployed-artifact test records
 * them). Transactions need no action of their own: IAM checks each item's Put/Update/Delete.
 * - ingest: reads the backfill progress and the last snapshot (GetItem, Query), stores snapshots,
 *   rollups and epochs with conditional puts (PutItem). Expiry is DynamoDB's TTL: no deletes.
 * - compute: reads network history, signal states and the outbox (Query), and the status of an
 *   event it could not claim (GetItem: held by another worker, or gone); writes profitability
 *   snapshots and, in transactions, signal states with their events (PutItem); marks events
 *   published (UpdateItem) and removes their outbox entries (DeleteItem).
 * - calculator: one Query for the latest snapshot (the market it prices on).
 * - api: the read API (shared/api) Queries the profitability records, signal states, event log,
 *   daily rollups, power prices and mode changes, and GetItems the snapshot of the latest record.
 * - power: reads a site's latest stored price and the recent ones (Query), and, for an ENTSO-E
 *   site, the latest snapshot's EUR rate (Query); stores each new interval with a conditional put
 *   (PutItem). A refused put returns the stored item with it: no GetItem.
 */
export const TABLE_ACTIONS = {
  ingest: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
  compute: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  calculator: ['dynamodb:Query'],
  api: ['dynamodb:Query', 'dynamodb:GetItem'],
  power: ['dynamodb:Query', 'dynamodb:PutItem'],
} as const satisfies Record<string, readonly `dynamodb:${string}`[]>;

/** Publishing an event (compute). */
export const TOPIC_PUBLISH_ACTIONS = ['sns:Publish'] as const;

/** The Lambda service writes the function's logs with its role (our own log group only). */
export const LOG_WRITE_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'] as const;

/** Active tracing: the Lambda service sends the invocation's segments with the role. */
export const TRACING_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] as const;

/** The event source mapping (the Lambda service, with the function's role) reads the table's stream. */
export const STREAM_READ_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
] as const;

/**
 * The event source mapping (compute) sends a pointer to a batch that failed all its retries to the
 * on-failure queue, and Lambda sends an event that failed every retry to the notifier's on-failure
 * destination, both with the function's role (SendMessage only: they need no queue attributes).
 */
export const ON_FAILURE_QUEUE_ACTIONS = ['sqs:SendMessage'] as const;

/** SNS asks KMS for a data key, as the publisher, when the topic has a customer-managed key. */
export const TOPIC_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/** Grants that the code itself never sends, and why the role has them anyway. */
export const GRANTS_USED_BY_AWS_SERVICES: Readonly<Record<string, string>> = Object.fromEntries([
  ...LOG_WRITE_ACTIONS.map((a) => [a, "the Lambda service writes the function's logs to its log group"]),
  ...TRACING_ACTIONS.map((a) => [a, 'active tracing: the Lambda service sends the trace segments of each invocation']),
  ...STREAM_READ_ACTIONS.map((a) => [
    a,
    "the event source mapping reads the table's stream with the function's role, then invokes it",
  ]),
  ...ON_FAILURE_QUEUE_ACTIONS.map((a) => [
    a,
    'the event source mapping sends the record pointers of a batch that failed every retry to the on-failure queue',
  ]),
  ...TOPIC_KEY_ACTIONS.map((a) => [
    a,
    "SNS encrypts a published message with a data key of the topic's customer-managed key, as the publisher",
  ]),
]);
