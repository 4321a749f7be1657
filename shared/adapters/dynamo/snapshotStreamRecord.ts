/**
 * A stream record (as Lambda delivers it) -> the NetworkSnapshot it carries. The NewImage is the
 * ingest's item: keys, `entity`, the snapshot's own fields, `expiresAt`. Numbers come back as plain
 * numbers even beyond 2^53 (hashrate in H/s), as the ingest wrote them. Anything that is not a valid
 * snapshot is a poison record: the error names the record and the field.
 */
import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { networkSnapshotSchema, type NetworkSnapshot } from '../../domain/networkSnapshot';
import { withoutStorageAttributes, wrapNumbersAsNumber } from './documentClient';

export class InvalidSnapshotRecordError extends Error {
  constructor(
    readonly sequenceNumber: string | undefined,
    detail: string,
  ) {
    super(`stream record ${sequenceNumber ?? '(no sequence number)'} is not a valid network snapshot: ${detail}`);
    this.name = 'InvalidSnapshotRecordError';
  }
}

export function snapshotFromStreamRecord(record: DynamoDBRecord): NetworkSnapshot {
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  const image = record.dynamodb?.NewImage;
  if (!image)
    throw new InvalidSnapshotRecordError(
      sequenceNumber,
      'the record has no NewImage (stream view type must be NEW_IMAGE)',
    );
  let item: Record<string, unknown>;
  try {
    item = unmarshall(image as Record<string, SdkAttributeValue>, { wrapNumbers: wrapNumbersAsNumber });
  } catch (error) {
    throw new InvalidSnapshotRecordError(sequenceNumber, `NewImage does not unmarshall: ${(error as Error).message}`);
  }
  const parsed = networkSnapshotSchema.safeParse(withoutStorageAttributes(item));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidSnapshotRecordError(sequenceNumber, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
