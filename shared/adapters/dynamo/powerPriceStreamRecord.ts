/**
 * A stream record of a newly stored power price interval (as Lambda delivers it) -> the site and
 * the time it was stored: what the sites' decision runs on (computeSitePower.ts). Anything else is a
 * poison record: the error names the record and the field.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import * as z from '../../schema/z';
import { InvalidStreamRecordError, newImageOf } from './snapshotStreamRecord';

const storedPriceSchema = z.object({ site: z.string().check(z.minLength(1)), storedAt: z.iso.datetime() });

export interface StoredPriceTrigger {
  site: string;
  storedAt: string;
}

export function storedPriceFromStreamRecord(record: DynamoDBRecord): StoredPriceTrigger {
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  const parsed = storedPriceSchema.safeParse(newImageOf(record, 'a stored power price'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidStreamRecordError(
      sequenceNumber,
      'a stored power price',
      `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}
