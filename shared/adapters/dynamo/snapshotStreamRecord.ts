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
import { wrapNumbersAsNumber } from './documentClient';
import { withoutStorageAttributes } from '../../store/storageAttributes';

export class InvalidStreamRecordError extends Error {
  constructor(
    readonly sequenceNumber: string | undefined,
    what: string,
    detail: string,
  ) {
    super(`stream record ${sequenceNumber ?? '(no sequence number)'} is not ${what}: ${detail}`);
    this.name = 'InvalidStreamRecordError';
  }
}

/** The record's NewImage as plain values, less the storage attributes; `what` names the expected item in errors. */
export function newImageOf(record: DynamoDBRecord, what: string): Record<string, unknown> {
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  const image = record.dynamodb?.NewImage;
  if (!image)
    throw new InvalidStreamRecordError(
      sequenceNumber,
      what,
      'the record has no NewImage (stream view type must be NEW_IMAGE)',
    );
  try {
    return withoutStorageAttributes(
      unmarshall(image as Record<string, SdkAttributeValue>, { wrapNumbers: wrapNumbersAsNumber }),
    );
  } catch (error) {
    throw new InvalidStreamRecordError(
      sequenceNumber,
      what,
      `NewImage does not unmarshall: ${(error as Error).message}`,
    );
  }
}

/** The entity a stream record's new item is (`entity`), if it says. */
export function streamRecordEntity(record: DynamoDBRecord): string | undefined {
  return record.dynamodb?.NewImage?.entity?.S;
}

const SNAPSHOT = 'a valid network snapshot';

export function snapshotFromStreamRecord(record: DynamoDBRecord): NetworkSnapshot {
  const parsed = networkSnapshotSchema.safeParse(newImageOf(record, SNAPSHOT));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidStreamRecordError(
      record.dynamodb?.SequenceNumber,
      SNAPSHOT,
      `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}
