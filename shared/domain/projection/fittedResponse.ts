/**
 * The fleet response's parameters as fitted on 2021+ history (local/projection/fitResponse.ts;
 * docs/projection.md gives the grid, the starts and the errors). Never tuned on 2016-2020.
 */
import type { FleetResponseParameters } from './fleetResponse';

export interface ResponseModel {
  response: FleetResponseParameters;
  /** Window, days, of the trailing hashrate growth taken as the supply of new machines. */
  supplyWindowDays: number;
}

/** Pool fee in the network's break-even (the fleet-share figures use the same 2%). */
export const POOL_FEE_FRACTION = 0.02;

export const FITTED_RESPONSE: ResponseModel = {
  response: { responsiveFraction: 1, lagDays: 14 },
  supplyWindowDays: 365,
};
