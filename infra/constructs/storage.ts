/**
 * The single table (key design in shared/store/tableKeys.ts). Stateful and precious: the
 * daily rollups and signal states are history that cannot be re-fetched for free, so the table has
 * point-in-time recovery, deletion protection and survives a `cdk destroy`.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../../shared/store/tableKeys';

export class HashwatchStorage extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      sortKey: { name: SORT_KEY, type: dynamodb.AttributeType.STRING },
      // On-demand: a few thousand writes a month cost cents; provisioned capacity would cost more idle.
      billing: dynamodb.Billing.onDemand(),
      // The compute function consumes new snapshots; it only needs the item as written.
      dynamoStream: dynamodb.StreamViewType.NEW_IMAGE,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
