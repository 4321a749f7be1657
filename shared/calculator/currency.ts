/**
 * The calculator in another currency: the request's fields in `currency` (powerPricePerKwh,
 * capexPerMachine, hostingOpexPerMachinePerDay, overheadPerDay) become their USD fields at the
 * latest snapshot's rate before pricing (USD is the basis every formula runs in), and the answer
 * gains `inCurrency`: its money figures in that currency, named without "Usd". The conversion
 * itself is shared/domain/currency.ts; a currency the snapshot holds no price for is refused,
 * naming it.
 */
import { fromUsd, fromUsdOrNull, fxRate, type Currency, type FxRate } from '../domain/currency';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import { perPhToPerTh } from '../domain/units';
import { CalculatorErrorCode, calculatorError, type CalculatorError, type CalculatorIssue } from './errors';
import type { CalculatorResponse, Economics, EconomicsInCurrency, InCurrency } from './price';
import type { CalculatorRequest, UsdCalculatorRequest } from './request';

export interface CalculatorRate extends FxRate {
  /** The snapshot whose prices gave the rate (null for USD). */
  asOf: string | null;
}

export function calculatorRate(
  currency: Currency,
  snapshot: Pick<NetworkSnapshot, 'intervalStart' | 'fiatPrices' | 'btcPriceUsd'> | undefined,
): CalculatorRate | CalculatorError {
  if (currency === 'USD') return { currency, perUsd: 1, asOf: null };
  if (!snapshot) {
    return calculatorError(
      CalculatorErrorCode.CurrencyUnavailable,
      `No ${currency} rate: no network snapshot is stored here to take mempool's ${currency} price from; use currency USD (and the ...Usd... fields).`,
      [{ field: 'currency', problem: `${currency} has no price here (no stored snapshot)` }],
    );
  }
  const result = fxRate(snapshot, currency);
  if (!result.ok) {
    return calculatorError(
      CalculatorErrorCode.CurrencyUnavailable,
      `No ${currency} price in the snapshot of ${snapshot.intervalStart}: ${result.message}.`,
      [{ field: 'currency', problem: result.message }],
    );
  }
  return { ...result.rate, asOf: snapshot.intervalStart };
}

/** The request with every money input in USD, or the issues of inputs out of range once converted. */
export function requestInUsd(request: CalculatorRequest, rate: FxRate): UsdCalculatorRequest | CalculatorError {
  const usd = (amount: number): number => amount / rate.perUsd;
  const issues: CalculatorIssue[] = [];
  const powerPriceUsdPerKwh =
    request.powerPriceUsdPerKwh ?? (request.powerPricePerKwh === undefined ? 0 : usd(request.powerPricePerKwh));
  if (request.powerPricePerKwh !== undefined && powerPriceUsdPerKwh > 5)
    issues.push({
      field: 'powerPricePerKwh',
      problem: `is ${powerPriceUsdPerKwh.toFixed(2)} USD/kWh at the ${rate.currency} rate, above 5 USD/kWh (is it in cents?)`,
    });
  if (issues.length > 0)
    return calculatorError(
      CalculatorErrorCode.InvalidRequest,
      `The request is invalid: ${issues[0]!.field} ${issues[0]!.problem}`,
      issues,
    );
  return {
    ...request,
    powerPriceUsdPerKwh,
    hostingOpexUsdPerMachinePerDay:
      request.hostingOpexPerMachinePerDay === undefined
        ? request.hostingOpexUsdPerMachinePerDay
        : usd(request.hostingOpexPerMachinePerDay),
    overheadUsdPerDay: request.overheadPerDay === undefined ? request.overheadUsdPerDay : usd(request.overheadPerDay),
    machines: request.machines.map((line) =>
      line.capexPerMachine === undefined ? line : { ...line, capexUsdPerMachine: usd(line.capexPerMachine) },
    ),
  };
}

function economicsIn(e: Economics, rate: FxRate): EconomicsInCurrency {
  const m = (usd: number): number => fromUsd(usd, rate);
  const mn = (usd: number | null): number | null => fromUsdOrNull(usd, rate);
  const strike = mn(e.curtailmentStrikeUsdPerPhDay);
  return {
    revenuePerDay: m(e.revenueUsdPerDay),
    powerCostPerDay: m(e.powerCostUsdPerDay),
    hostingOpexPerDay: m(e.hostingOpexUsdPerDay),
    profitPerDay: m(e.profitUsdPerDay),
    breakEvenPowerPricePerKwh: m(e.breakEvenPowerPriceUsdPerKwh),
    breakEvenBtcPrice: mn(e.breakEvenBtcPriceUsd),
    costToProduceBtc: {
      energy: mn(e.costToProduceBtc.energyUsdPerBtc),
      cash: mn(e.costToProduceBtc.cashUsdPerBtc),
      allIn: mn(e.costToProduceBtc.allInUsdPerBtc),
    },
    curtailmentStrikePerPhDay: strike,
    curtailmentStrikePerThDay: strike === null ? null : perPhToPerTh(strike),
  };
}

export function inCurrency(response: CalculatorResponse, rate: CalculatorRate): InCurrency {
  const hashpricePerPhDay = fromUsd(response.market.hashpriceUsdPerPhDay, rate);
  return {
    currency: rate.currency,
    perUsd: rate.perUsd,
    asOf: rate.asOf,
    hashpricePerPhDay,
    hashpricePerThDay: perPhToPerTh(hashpricePerPhDay),
    btcPrice: fromUsdOrNull(response.market.btcPriceUsd, rate),
    powerPricePerKwh: fromUsd(response.terms.powerPriceUsdPerKwh, rate),
    machines: response.machines.map((line) => ({ model: line.model, line: economicsIn(line.line, rate) })),
    fleet: {
      ...economicsIn(response.fleet, rate),
      profitAfterOverheadPerDay: fromUsd(response.fleet.profitAfterOverheadUsdPerDay, rate),
    },
  };
}
