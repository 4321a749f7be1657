/**
 * The attributes every stored item carries for the table's sake (keys, entity, version, TTL), as
 * opposed to the record's own fields; a reader drops them before the record's schema parses it.
 */
import { TTL_ATTRIBUTE } from './tableKeys';

/** An item without its storage attributes (keys, entity, version, TTL), for the record's schema to parse. */
export function withoutStorageAttributes(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, entity: _entity, version: _version, [TTL_ATTRIBUTE]: _ttl, ...rest } = item;
  return rest;
}
