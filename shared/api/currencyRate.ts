/** The rate a route converts with, from one snapshot, or the refusal that names the currency. */
import { fxRate, type Currency } from '../domain/currency';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import { ApiErrorCode, refuse, type ApiRefusal } from './apiResponse';
import type { SnapshotRate } from './responses/snapshotRateResponse';

export function snapshotRate(snapshot: NetworkSnapshot | undefined, currency: Currency): SnapshotRate | ApiRefusal {
  if (currency === 'USD') return { currency, perUsd: 1, asOf: null };
  if (!snapshot) {
    return refuse(
      ApiErrorCode.CurrencyUnavailable,
      `No ${currency} price: no network snapshot is stored to take it from. Ask in USD, or retry after the next ingest.`,
      [{ field: 'currency', problem: `${currency} has no price (no snapshot stored)` }],
    );
  }
  const result = fxRate(snapshot, currency);
  if (!result.ok) {
    return refuse(
      ApiErrorCode.CurrencyUnavailable,
      `No ${currency} price in the snapshot of ${snapshot.intervalStart}: ${result.message}. Ask in USD or another currency it holds.`,
      [{ field: 'currency', problem: result.message }],
    );
  }
  return { ...result.rate, asOf: snapshot.intervalStart };
}
