/**
 * ENTSO-E Transparency Platform day-ahead prices (documentType A44) for one bidding zone, as the
 * `Publication_MarketDocument` XML it answers. Each `TimeSeries` holds `Period`s with a start, a
 * resolution (PT15M, PT30M, PT60M) and `Point`s (position from 1, `price.amount` in the series'
 * currency per MWh). Curve type A03 leaves out a position whose price repeats the one before: the
 * previous price carries forward up to the period's end. Since the 15-minute day-ahead, a zone can
 * hold several series for one period, told apart by `classificationSequence_AttributeInstanceComponent
 * .position`: the caller says which to read. An `Acknowledgement_MarketDocument` is ENTSO-E's error
 * or no-data answer: its reason becomes the error.
 *
 * The document is flat and its elements carry no prefixes, so a small element reader does; an
 * element the reader needs and does not find is an error naming it.
 */
import type { FxRate } from '../../domain/currency';
import { entsoeDayAheadLimits } from '../../domain/power/marketLimits';
import { isIntervalMinutes, MS_PER_MINUTE, type IntervalPrice } from '../../domain/power/intervalPrice';
import { PowerPriceError } from '../../domain/power/powerPriceError';

const SOURCE = 'entsoe-a44';

/** Bodies of every `<name ...>...</name>` element directly inside `xml` (no nesting of the same name). */
function elements(xml: string, name: string): string[] {
  const escaped = name.replace(/\./g, '\\.');
  return [...xml.matchAll(new RegExp(`<${escaped}(?:\\s[^>]*)?>([\\s\\S]*?)</${escaped}>`, 'g'))].map((m) => m[1]!);
}

function text(site: string, xml: string, name: string, where: string): string {
  const found = elements(xml, name)[0];
  if (found === undefined) throw new PowerPriceError(site, `${SOURCE}.${where}.${name}`, 'schema', 'is missing');
  return found.trim();
}

export interface EntsoeOptions {
  /** The bidding zone's EIC code, e.g. "10Y1001A1001A82H" (DE-LU). */
  zone: string;
  /** Which classification sequence to read when a period has several (1 by default). */
  sequence?: number | undefined;
  /** EUR per USD, as of the prices (the project's FX rate for EUR). */
  eurRate: FxRate;
}

const RESOLUTION_MINUTES: Readonly<Record<string, number>> = { PT15M: 15, PT30M: 30, PT60M: 60, PT1H: 60 };

export function parseEntsoeA44(site: string, xml: string, options: EntsoeOptions): IntervalPrice[] {
  if (options.eurRate.currency !== 'EUR' || !(options.eurRate.perUsd > 0))
    throw new PowerPriceError(site, `${SOURCE}.eurRate`, 'unit', 'an EUR rate (EUR per USD > 0) is needed');
  if (/<Acknowledgement_MarketDocument[\s>]/.test(xml)) {
    const reason = elements(xml, 'text')[0] ?? elements(xml, 'reason')[0] ?? 'no reason given';
    throw new PowerPriceError(site, SOURCE, 'not-data', `ENTSO-E answered an acknowledgement: ${reason.trim()}`);
  }
  if (!/<Publication_MarketDocument[\s>]/.test(xml))
    throw new PowerPriceError(
      site,
      SOURCE,
      'not-data',
      `not a Publication_MarketDocument (starts with "${xml.trim().slice(0, 40).replace(/\s+/g, ' ')}")`,
    );
  const documentType = text(site, xml, 'type', 'document');
  if (documentType !== 'A44')
    throw new PowerPriceError(site, `${SOURCE}.document.type`, 'schema', `is ${documentType}, expected A44`);
  const wantedSequence = options.sequence ?? 1;
  const limits = entsoeDayAheadLimits();
  const byStart = new Map<number, IntervalPrice>();
  elements(xml, 'TimeSeries').forEach((series, s) => {
    const where = `TimeSeries[${s}]`;
    const zone = text(site, series, 'in_Domain.mRID', where);
    if (zone !== options.zone) return;
    const sequenceText = elements(series, 'classificationSequence_AttributeInstanceComponent.position')[0];
    if ((sequenceText === undefined ? 1 : Number(sequenceText.trim())) !== wantedSequence) return;
    const currency = text(site, series, 'currency_Unit.name', where);
    const unit = text(site, series, 'price_Measure_Unit.name', where);
    if (currency !== 'EUR' || unit !== 'MWH')
      throw new PowerPriceError(
        site,
        `${SOURCE}.${where}.currency_Unit.name`,
        'unit',
        `${currency}/${unit}, expected EUR/MWH`,
      );
    const curveType = elements(series, 'curveType')[0]?.trim() ?? 'A01';
    elements(series, 'Period').forEach((period, p) => {
      const at = `${where}.Period[${p}]`;
      const interval = elements(period, 'timeInterval')[0] ?? '';
      const startMs = Date.parse(text(site, interval, 'start', `${at}.timeInterval`));
      const endMs = Date.parse(text(site, interval, 'end', `${at}.timeInterval`));
      const resolution = text(site, period, 'resolution', at);
      const minutes = RESOLUTION_MINUTES[resolution];
      if (minutes === undefined || !isIntervalMinutes(minutes))
        throw new PowerPriceError(site, `${SOURCE}.${at}.resolution`, 'interval', `${resolution} is not read`);
      const stepMs = minutes * MS_PER_MINUTE;
      const count = (endMs - startMs) / stepMs;
      if (!Number.isInteger(count) || count <= 0)
        throw new PowerPriceError(
          site,
          `${SOURCE}.${at}.timeInterval`,
          'interval',
          `not a whole number of ${resolution}`,
        );
      const given = new Map<number, number>();
      elements(period, 'Point').forEach((point, i) => {
        const position = Number(text(site, point, 'position', `${at}.Point[${i}]`));
        const amountText = text(site, point, 'price.amount', `${at}.Point[${i}]`);
        const eurPerMwh = Number(amountText);
        if (!Number.isInteger(position) || position < 1 || position > count)
          throw new PowerPriceError(
            site,
            `${SOURCE}.${at}.Point[${i}].position`,
            'interval',
            `${position} is outside 1..${count}`,
          );
        if (amountText === '' || !Number.isFinite(eurPerMwh))
          throw new PowerPriceError(
            site,
            `${SOURCE}.${at}.Point[${i}].price.amount`,
            'schema',
            `not a number: "${amountText}"`,
          );
        if (eurPerMwh > limits.maxPerMwh || eurPerMwh < limits.minPerMwh)
          throw new PowerPriceError(
            site,
            `${SOURCE}.${at}.Point[${i}].price.amount`,
            'range',
            `${eurPerMwh} EUR/MWh is outside ${limits.minPerMwh}..${limits.maxPerMwh} (${limits.source})`,
          );
        given.set(position, eurPerMwh);
      });
      if (!given.has(1))
        throw new PowerPriceError(
          site,
          `${SOURCE}.${at}.Point`,
          'schema',
          'position 1 is missing: nothing to carry forward',
        );
      let carried = given.get(1)!;
      for (let position = 1; position <= count; position += 1) {
        const own = given.get(position);
        // A01 lists every position: a missing one there is a gap, not a repeat.
        if (own === undefined && curveType !== 'A03') continue;
        carried = own ?? carried;
        const start = startMs + (position - 1) * stepMs;
        byStart.set(start, {
          startIso: new Date(start).toISOString(),
          endIso: new Date(start + stepMs).toISOString(),
          intervalMinutes: minutes,
          usdPerMwh: carried / options.eurRate.perUsd,
          source: SOURCE,
          market: 'ENTSO-E',
          location: options.zone,
        });
      }
    });
  });
  if (byStart.size === 0)
    throw new PowerPriceError(
      site,
      `${SOURCE}.in_Domain.mRID`,
      'missing-location',
      `no series for zone ${options.zone} (classification sequence ${wantedSequence}) in the answer`,
    );
  return [...byStart.entries()].sort(([a], [b]) => a - b).map(([, price]) => price);
}
