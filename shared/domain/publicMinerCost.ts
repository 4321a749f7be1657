/**
 * A public miner's energy cost per BTC, estimated from what it reports (operating EH/s, fleet
 * J/TH, power price) at given network conditions: it mines its share of the network's hashrate
 * times the BTC the network earns a day (issuance + fees), and pays for the energy its fleet
 * draws. The cost-per-BTC arithmetic is costToProduceBtc's (productionCost.ts); energy per TH/s
 * is kwhPerThDay's (breakEven.ts). An estimate: it ignores curtailment, pool fees and luck.
 */
import { kwhPerThDay } from './breakEven';
import { costToProduceBtc } from './productionCost';
import { ehsToHps, hpsToThs } from './units';

/** What the estimate needs of a miner (publicMiners.json rows satisfy it). */
export interface ReportedFleet {
  ticker: string;
  operationalHashrateEhs: { value: number | null };
  fleetEfficiencyJPerTh: { value: number | null };
  powerPriceUsdPerKwh: { value: number | null };
}

export interface NetworkDay {
  networkHashrateHps: number;
  /** BTC issued a day (subsidy x blocks). */
  btcIssuedPerDay: number;
  /** BTC paid in fees a day. */
  btcFeesPerDay: number;
}

export interface PublicMinerCost {
  ok: true;
  ticker: string;
  hashrateHps: number;
  shareOfNetworkFraction: number;
  powerMw: number;
  powerCostUsdPerDay: number;
  btcMinedPerDay: number;
  energyUsdPerBtc: number;
}

export interface PublicMinerCostUnavailable {
  ok: false;
  ticker: string;
  /** The reported figures the estimate needs but the miner did not report. */
  missing: ('operationalHashrateEhs' | 'fleetEfficiencyJPerTh' | 'powerPriceUsdPerKwh')[];
  message: string;
}

export function publicMinerCostPerBtc(
  miner: ReportedFleet,
  network: NetworkDay,
): PublicMinerCost | PublicMinerCostUnavailable {
  const ehs = miner.operationalHashrateEhs.value;
  const efficiencyJPerTh = miner.fleetEfficiencyJPerTh.value;
  const powerPriceUsdPerKwh = miner.powerPriceUsdPerKwh.value;
  if (ehs === null || efficiencyJPerTh === null || powerPriceUsdPerKwh === null) {
    const missing: PublicMinerCostUnavailable['missing'] = [];
    if (ehs === null) missing.push('operationalHashrateEhs');
    if (efficiencyJPerTh === null) missing.push('fleetEfficiencyJPerTh');
    if (powerPriceUsdPerKwh === null) missing.push('powerPriceUsdPerKwh');
    return {
      ok: false,
      ticker: miner.ticker,
      missing,
      message: `${miner.ticker} has no reported ${missing.join(', ')}: its energy cost per BTC cannot be estimated`,
    };
  }
  if (!(network.networkHashrateHps > 0))
    throw new RangeError(`networkHashrateHps must be positive, got ${network.networkHashrateHps}`);

  const hashrateHps = ehsToHps(ehs);
  const hashrateThs = hpsToThs(hashrateHps);
  const shareOfNetworkFraction = hashrateHps / network.networkHashrateHps;
  const btcMinedPerDay = shareOfNetworkFraction * (network.btcIssuedPerDay + network.btcFeesPerDay);
  const powerCostUsdPerDay = kwhPerThDay(efficiencyJPerTh) * hashrateThs * powerPriceUsdPerKwh;
  const { energyUsdPerBtc } = costToProduceBtc({
    btcMinedPerDay,
    powerCostUsdPerDay,
    hostingOpexUsdPerDay: 0,
    capexUsd: 0,
    usefulLifeDays: 1,
    overheadUsdPerDay: 0,
  });
  return {
    ok: true,
    ticker: miner.ticker,
    hashrateHps,
    shareOfNetworkFraction,
    // TH/s x J/TH = W; / 1e6 = MW.
    powerMw: (hashrateThs * efficiencyJPerTh) / 1e6,
    powerCostUsdPerDay,
    btcMinedPerDay,
    energyUsdPerBtc,
  };
}
