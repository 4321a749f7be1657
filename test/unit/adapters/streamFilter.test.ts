import { describe, expect, it } from 'vitest';
import { COMPUTE_STREAM_FILTER_CRITERIA, matchesComputeFilter } from '../../../shared/store/streamFilter';

const record = (eventName: string, entity: unknown) => ({
  eventName,
  dynamodb: { NewImage: entity === undefined ? {} : { entity } },
});

describe('compute stream filter', () => {
  it('passes INSERTs of network snapshots and power price intervals only', () => {
    expect(matchesComputeFilter(record('INSERT', { S: 'NetworkSnapshot' }))).toBe(true);
    expect(matchesComputeFilter(record('MODIFY', { S: 'NetworkSnapshot' }))).toBe(false);
    expect(matchesComputeFilter(record('REMOVE', { S: 'NetworkSnapshot' }))).toBe(false);
    expect(matchesComputeFilter(record('INSERT', { S: 'PowerPrice' }))).toBe(true);
    expect(matchesComputeFilter(record('REMOVE', { S: 'PowerPrice' }))).toBe(false);
    // The compute's own writes never trigger it again (a mode change is written with its event).
    for (const entity of [
      'ProfitabilitySnapshot',
      'SignalState',
      'SignalEvent',
      'OutboxEntry',
      'DailyNetwork',
      'CurtailmentModeChange',
    ]) {
      expect(matchesComputeFilter(record('INSERT', { S: entity }))).toBe(false);
    }
  });

  it('never matches a record missing the field (as Lambda), nor a different attribute type', () => {
    expect(matchesComputeFilter(record('INSERT', undefined))).toBe(false);
    expect(matchesComputeFilter({ eventName: 'INSERT' })).toBe(false);
    expect(matchesComputeFilter(record('INSERT', { N: 'NetworkSnapshot' }))).toBe(false);
    expect(matchesComputeFilter(null)).toBe(false);
  });

  it('serializes as Lambda FilterCriteria', () => {
    expect(JSON.parse(COMPUTE_STREAM_FILTER_CRITERIA.Filters[0]!.Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['NetworkSnapshot', 'PowerPrice'] } } },
    });
  });
});
