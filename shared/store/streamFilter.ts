/**
 * The filter of the compute function's event source mapping, as data: Lambda drops every stream
 * record that does not match before it batches, so compute only ever sees new network snapshots
 * and new power price intervals (the sites' run-or-curtail decision follows every price), and its
 * own writes (profitability snapshots, signal states, events, mode changes) can never trigger it.
 * The infra stack and the local stream poller both use this one pattern.
 * Pattern syntax (Lambda event filtering): a leaf array lists the accepted values.
 */
import { Entity } from './tableKeys';

export const COMPUTE_STREAM_FILTER_PATTERN = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { entity: { S: [Entity.NetworkSnapshot, Entity.PowerPrice] } } },
} as const;

/** The pattern serialized as Lambda's FilterCriteria wants it: `{ Filters: [{ Pattern }] }`. */
export const COMPUTE_STREAM_FILTER_CRITERIA = {
  Filters: [{ Pattern: JSON.stringify(COMPUTE_STREAM_FILTER_PATTERN) }],
};

type Pattern = { readonly [key: string]: Pattern | readonly (string | number | boolean)[] };

/**
 * Whether `value` matches a Lambda filter pattern made of nested objects and equality lists (the
 * subset we use). Missing fields never match, like Lambda.
 */
export function matchesFilterPattern(value: unknown, pattern: Pattern): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = record[key];
    if (Array.isArray(expected)) return (expected as readonly unknown[]).includes(actual);
    return matchesFilterPattern(actual, expected as Pattern);
  });
}

export function matchesComputeFilter(record: unknown): boolean {
  return matchesFilterPattern(record, COMPUTE_STREAM_FILTER_PATTERN);
}
