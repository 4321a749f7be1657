/**
 * How the network's fleet answers the hashprice, one day at a time (docs/projection.md):
 * - Installed capacity (online + switched off) grows by the supply rate: new machines arrive at the
 *   network's trailing hashrate growth at the start date, floored at zero (machines ordered months
 *   before arrive whatever the price does; the window is fitted, see fittedResponse.ts).
 * - Of the hashrate that is underwater at the day's hashprice (underwaterCurve.ts), the share
 *   `responsiveFraction` wants to be off; the switched-off share moves towards that target with the
 *   time constant `lagDays` (fleets react after a lag: contracts, hedges, curtailment programs), and
 *   machines come back the same way when they pay again.
 * The online hashrate is capacity x (1 - switched-off share).
 */
import { underwaterShareAt, type UnderwaterCurve } from './underwaterCurve';

export interface FleetResponseParameters {
  /** Share (0..1) of underwater hashrate that switches off; the rest runs at a loss (hedged, fixed-price power, sunk). */
  responsiveFraction: number;
  /** Time constant, days, of the switch-off and of the return. */
  lagDays: number;
}

/** The per-day relaxation factor towards the target off share: 1 - exp(-1 / lagDays). */
export function relaxationPerDay(lagDays: number): number {
  return lagDays <= 0 ? 1 : 1 - Math.exp(-1 / lagDays);
}

/** The switched-off share in steady state at `hashpriceUsdPerPhDay` (how a projection starts). */
export function steadyOffShare(
  curve: UnderwaterCurve,
  parameters: FleetResponseParameters,
  hashpriceUsdPerPhDay: number,
): number {
  return parameters.responsiveFraction * underwaterShareAt(curve, hashpriceUsdPerPhDay);
}

/** Tomorrow's switched-off share from today's and the hashprice the fleet sees today. */
export function nextOffShare(
  offShare: number,
  curve: UnderwaterCurve,
  responsiveFraction: number,
  relaxation: number,
  hashpriceUsdPerPhDay: number,
): number {
  const target = responsiveFraction * underwaterShareAt(curve, hashpriceUsdPerPhDay);
  return offShare + (target - offShare) * relaxation;
}
