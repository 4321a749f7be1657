/**
 * GET /v1/latest: the newest profitability record and its snapshot, in the chosen currency.
 * Money figures are in `currency` (named without "Usd"); the stored USD basis of hashprice stays
 * beside them (usdPerPhDay), and BTC figures are BTC.
 */
import type { ProfitabilityRecord } from '../store/profitabilityRecord';
import { fromUsd, fromUsdOrNull, type Currency } from '../domain/currency';
import { hpsToEhs } from '../domain/units';
import { ApiErrorCode, refuse, type ApiRefusal, isRefusal } from './apiResponse';
import { snapshotRate, type SnapshotRate } from './currencyRate';
import { hashpriceUnits, type HashpriceUnits } from './hashpriceUnits';
import type { LatestStateReader } from './ports';

export interface LatestView {
  currency: Currency;
  fx: SnapshotRate;
  snapshot: {
    intervalStart: string;
    observedAt: string;
    tipHeight: number;
    difficulty: number;
    hashrateHps: number;
    hashrateEhs: number;
    btcPrice: number;
    btcPriceUsd: number;
    feesBtcPerBlock: number;
    subsidyBtc: number;
    flags: string[];
  };
  hashprice: {
    expected: HashpriceUnits;
    realized: (HashpriceUnits & { date: string }) | null;
  };
  /** Break-even power price per catalog machine, in `currency` per kWh (and USD). */
  breakEven: {
    id: string;
    model: string;
    efficiencyJPerTh: number;
    powerPricePerKwh: number;
    powerPriceUsdPerKwh: number;
  }[];
  /** Share of the global fleet cash-flow negative; its bands keep their USD break-evens (named so). */
  fleetShareNegative: { pct: number; hashrateAtRiskEhs: number; byBand: ProfitabilityRecord['fleetShare']['byBand'] };
  ownerFleets: {
    name: string;
    hashrateThs: number;
    powerWatts: number;
    revenuePerDay: number;
    revenueBtcPerDay: number;
    powerCostPerDay: number;
    hostingOpexPerDay: number;
    profitPerDay: number;
    marginPct: number;
    powerPricePerKwh: number;
    breakEvenPowerPricePerKwh: number | null;
    breakEvenBtcPrice: number | null;
    costPerBtc: { energy: number | null; cash: number | null; allIn: number | null };
  }[];
  publicMiners: (Omit<ProfitabilityRecord['publicMiners'][number], 'estimate'> & {
    estimate:
      | {
          ok: true;
          energyCostPerBtc: number | null;
          powerMw: number;
          btcMinedPerDay: number;
          shareOfNetworkPct: number;
        }
      | { ok: false; missing: string[]; message: string };
  })[];
  indicators: ProfitabilityRecord['indicators'];
}

export async function readLatest(reader: LatestStateReader, currency: Currency): Promise<LatestView | ApiRefusal> {
  const record = await reader.latestProfitability();
  if (!record) {
    return refuse(
      ApiErrorCode.NotReady,
      'Nothing computed yet: no profitability record is stored (the first ingest and compute have not run).',
    );
  }
  const snapshot = await reader.snapshot(record.intervalStart);
  const rate = snapshotRate(snapshot, currency);
  if (isRefusal(rate)) return rate;
  const money = (usd: number): number => fromUsd(usd, rate);
  const moneyOrNull = (usd: number | null): number | null => fromUsdOrNull(usd, rate);
  const m = record.market;
  const h = record.hashprice;
  return {
    currency,
    fx: rate,
    snapshot: {
      intervalStart: record.intervalStart,
      observedAt: record.observedAt,
      tipHeight: m.tipHeight,
      difficulty: m.difficulty,
      hashrateHps: m.hashrateHps,
      hashrateEhs: hpsToEhs(m.hashrateHps),
      btcPrice: money(m.btcPriceUsd),
      btcPriceUsd: m.btcPriceUsd,
      feesBtcPerBlock: m.feesBtcPerBlock,
      subsidyBtc: m.subsidyBtc,
      flags: snapshot?.flags ?? [],
    },
    hashprice: {
      expected: hashpriceUnits(h.expectedUsdPerPhDay, h.expectedBtcPerPhDay, rate),
      realized: h.realized
        ? { date: h.realized.date, ...hashpriceUnits(h.realized.usdPerPhDay, h.realized.btcPerPhDay, rate) }
        : null,
    },
    breakEven: record.machines.map((machine) => ({
      id: machine.id,
      model: machine.model,
      efficiencyJPerTh: machine.efficiencyJPerTh,
      powerPricePerKwh: money(machine.breakEvenPowerPriceUsdPerKwh),
      powerPriceUsdPerKwh: machine.breakEvenPowerPriceUsdPerKwh,
    })),
    fleetShareNegative: {
      pct: record.fleetShare.shareNegativePct,
      hashrateAtRiskEhs: record.fleetShare.hashrateAtRiskEhs,
      byBand: record.fleetShare.byBand,
    },
    ownerFleets: record.ownerFleets.map((f) => ({
      name: f.name,
      hashrateThs: f.hashrateThs,
      powerWatts: f.powerWatts,
      revenuePerDay: money(f.revenueUsdPerDay),
      revenueBtcPerDay: f.revenueBtcPerDay,
      powerCostPerDay: money(f.powerCostUsdPerDay),
      hostingOpexPerDay: money(f.hostingOpexUsdPerDay),
      profitPerDay: money(f.profitUsdPerDay),
      marginPct: f.marginPct,
      powerPricePerKwh: money(f.powerPriceUsdPerKwh),
      breakEvenPowerPricePerKwh: moneyOrNull(f.breakEvenPowerPriceUsdPerKwh),
      breakEvenBtcPrice: moneyOrNull(f.breakEvenBtcPriceUsd),
      costPerBtc: {
        energy: moneyOrNull(f.energyUsdPerBtc),
        cash: moneyOrNull(f.cashUsdPerBtc),
        allIn: moneyOrNull(f.allInUsdPerBtc),
      },
    })),
    publicMiners: record.publicMiners.map((p) => ({
      ...p,
      estimate: p.estimate.ok
        ? {
            ok: true as const,
            energyCostPerBtc: moneyOrNull(p.estimate.energyUsdPerBtc),
            powerMw: p.estimate.powerMw,
            btcMinedPerDay: p.estimate.btcMinedPerDay,
            shareOfNetworkPct: p.estimate.shareOfNetworkPct,
          }
        : p.estimate,
    })),
    indicators: record.indicators,
  };
}
