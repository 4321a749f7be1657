/**
 * GET /v1/latest: the newest profitability record and its snapshot, in the chosen currency.
 * Money figures are in `currency` (named without "Usd"); the stored USD basis of hashprice stays
 * beside them (usdPerPhDay), and BTC figures are BTC.
 */
import { fromUsd, fromUsdOrNull, type Currency } from '../domain/currency';
import { hpsToEhs } from '../domain/units';
import { ApiErrorCode, refuse, type ApiRefusal, isRefusal } from './apiResponse';
import { snapshotRate } from './currencyRate';
import { hashpriceUnits } from './hashpriceUnits';
import type { LatestStateReader } from './ports';
import type { LatestView } from './responses/latestResponse';

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
  const moneyOrNullOf = (usd: number | null): number | null => fromUsdOrNull(usd, rate);
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
    fleetShareNegativePct: record.fleetShare.shareNegativePct,
    fleetShareNegativeLowPct: record.fleetShare.shareNegativeLowPct ?? null,
    fleetShareNegativeHighPct: record.fleetShare.shareNegativeHighPct ?? null,
    hashrateAtRiskEhs: record.fleetShare.hashrateAtRiskEhs,
    fleetShareByBand: record.fleetShare.byBand,
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
      breakEvenPowerPricePerKwh: moneyOrNullOf(f.breakEvenPowerPriceUsdPerKwh),
      breakEvenBtcPrice: moneyOrNullOf(f.breakEvenBtcPriceUsd),
      costPerBtc: {
        energy: moneyOrNullOf(f.energyUsdPerBtc),
        cash: moneyOrNullOf(f.cashUsdPerBtc),
        allIn: moneyOrNullOf(f.allInUsdPerBtc),
      },
    })),
    publicMiners: record.publicMiners.map((p) => ({
      ...p,
      estimate: p.estimate.ok
        ? {
            ok: true as const,
            energyCostPerBtc: moneyOrNullOf(p.estimate.energyUsdPerBtc),
            powerMw: p.estimate.powerMw,
            btcMinedPerDay: p.estimate.btcMinedPerDay,
            shareOfNetworkPct: p.estimate.shareOfNetworkPct,
          }
        : p.estimate,
    })),
    indicators: record.indicators,
  };
}
