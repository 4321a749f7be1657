/**
 * ERCOT's report archive, the no-key fallback: the same reports as the public API, posted as zipped
 * CSV files (report type 12301 for NP6-905-CD, 12331 for NP4-190-CD; the ids are the products'
 * `reportTypeId` in ERCOT's product list). This reads one such CSV, once unzipped. Its columns:
 * real time `DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,
 * SettlementPointPrice,DSTFlag`, day-ahead `DeliveryDate,HourEnding,SettlementPoint,
 * SettlementPointPrice,DSTFlag`, dates as MM/DD/YYYY and flags as Y/N. Columns are found by name.
 */
import type { IntervalPrice, PowerPriceSource } from '../../domain/power/intervalPrice';
import { PowerPriceError } from '../../domain/power/powerPriceError';
import { parseCsv } from '../../data/parseCsv';
import { refuseHtml } from './powerResponse';
import {
  columnsByName,
  ercotRowsToPrices,
  flagOf,
  hourEndingOf,
  type ErcotReportKind,
  type ErcotRow,
} from './ercotPublicApi';

export function parseErcotArchiveCsv(
  site: string,
  kind: ErcotReportKind,
  settlementPoint: string,
  text: string,
): IntervalPrice[] {
  const source: PowerPriceSource = kind === 'rt' ? 'ercot-archive-rt' : 'ercot-archive-dam';
  refuseHtml(site, source, text);
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text, source);
  } catch (error) {
    throw new PowerPriceError(site, source, 'not-data', (error as Error).message);
  }
  const at =
    kind === 'rt'
      ? columnsByName(site, source, table.header, [
          'DeliveryDate',
          'DeliveryHour',
          'DeliveryInterval',
          'SettlementPointName',
          'SettlementPointType',
          'SettlementPointPrice',
          'DSTFlag',
        ] as const)
      : columnsByName(site, source, table.header, [
          'DeliveryDate',
          'HourEnding',
          'SettlementPoint',
          'SettlementPointPrice',
          'DSTFlag',
        ] as const);
  const rowField = (index: number): string => `${source} line ${table.rows[index]?.line ?? '?'}`;
  const rows = table.rows.map(({ fields }, index): ErcotRow => {
    const cell = (i: number): string => (fields[i] ?? '').trim();
    const hourAt = 'DeliveryHour' in at ? at.DeliveryHour : at.HourEnding;
    const hourEnding = hourEndingOf(cell(hourAt));
    const interval = 'DeliveryInterval' in at ? Number(cell(at.DeliveryInterval)) : 1;
    const priceText = cell(at.SettlementPointPrice);
    const price = Number(priceText);
    const repeatedHour = flagOf(cell(at.DSTFlag));
    const field = rowField(index);
    if (hourEnding === undefined)
      throw new PowerPriceError(site, `${field}: hour`, 'schema', `not an hour ending 1-24: "${cell(hourAt)}"`);
    if (!Number.isInteger(interval) || interval < 1 || interval > 4)
      throw new PowerPriceError(site, `${field}: DeliveryInterval`, 'schema', `not an interval 1-4`);
    if (priceText === '' || !Number.isFinite(price))
      throw new PowerPriceError(site, `${field}: SettlementPointPrice`, 'schema', `not a number: "${priceText}"`);
    if (repeatedHour === undefined)
      throw new PowerPriceError(site, `${field}: DSTFlag`, 'schema', `not Y or N: "${cell(at.DSTFlag)}"`);
    return {
      deliveryDate: cell(at.DeliveryDate),
      hourEnding,
      interval,
      settlementPoint: 'SettlementPointName' in at ? cell(at.SettlementPointName) : cell(at.SettlementPoint),
      settlementPointType: 'SettlementPointType' in at ? cell(at.SettlementPointType) : undefined,
      price,
      repeatedHour,
    };
  });
  return ercotRowsToPrices(site, source, kind, settlementPoint, rows, rowField);
}
