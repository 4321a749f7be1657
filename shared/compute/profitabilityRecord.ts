/**
 * The profitability record stored for every network snapshot (PROFIT/SNAP#<intervalStart>):
 * hashprice (expected and realized, USD and BTC per PH/s/day), break-even power price per catalog
 * machine, share of global hashrate cash-flow negative and hashrate at risk, each owner fleet's
 * day and cost per BTC, and the indicators (hash ribbons, Puell multiple, difficulty streak,
 * projected next adjustment). Pure: every figure comes from a domain function with its own home;
 * this file only assembles them and makes them storable (DynamoDB has no Infinity: null instead).
 * The stored shape (schema and item mapping) lives in shared/store/profitabilityRecord.ts.
 */
import { daysClosedBy, type DailyNetwork } from '../domain/dailyNetwork';
import { epochsStartedBy, type DifficultyEpoch } from '../domain/difficultyEpoch';
import { difficultyStreak } from '../domain/difficultyStreak';
import { realizedHashpriceOfDay } from '../domain/hashprice';
import { hashRibbons, HASH_RIBBON_SLOW_DAYS } from '../domain/hashRibbons';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import { computeProfitability, type ProfitabilityInput, type ProfitabilityResult } from '../domain/profitability';
import { puellMultiple, PUELL_WINDOW_DAYS } from '../domain/puellMultiple';
import { publicMinerCostPerBtc } from '../domain/publicMinerCost';
import { expectedBlocksPerDay } from '../domain/difficulty';
import type { SiteMiningSpec } from '../domain/siteEconomics/siteMiningMargin';
import type { MinerPeriod } from '../domain/minerTreasury/treasuryPeriod';
import type { PublicMiner } from '../data/publicMiners';
import { fractionToPct } from '../domain/units';
import { fleetShareBandPct } from '../domain/fleetShareBand';
import { rememberLastCall } from '../domain/rememberLastCall';
import { marketOfSnapshot } from '../domain/networkSnapshot.mapper';
import { PROFITABILITY_SCHEMA_VERSION, type ProfitabilityRecord } from '../store/profitabilityRecord';

/** Reference data loaded once per cold start (catalog, global fleet model, the owner's fleets). */
export type ProfitabilityReference = Omit<ProfitabilityInput, 'market'> & {
  publicMiners: readonly PublicMiner[];
  /** The owner's sites with a lease offer, for the site-conversion-advantage signal (none when absent). */
  sites?: readonly SiteMiningSpec[];
  /** The listed miners' reporting periods, for the miner signals (shared/data/publicMinersMonthly.json). */
  minerPeriods?: readonly MinerPeriod[];
};

export interface ProfitabilitySources {
  snapshot: NetworkSnapshot;
  /** Daily rollups, oldest first, consecutive; only days closed by the snapshot are used. */
  daily: readonly DailyNetwork[];
  /** Recent epochs, oldest first (enough for the streak). */
  epochs: readonly DifficultyEpoch[];
  reference: ProfitabilityReference;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The hash ribbons and the Puell multiple of the last closed day: they change once a day, so they
 * are remembered across the day's snapshots (keyed on the rollups and how many of them are closed).
 */
const closedDayIndicators = rememberLastCall((daily: readonly DailyNetwork[], closedDays: number) => {
  const days = closedDays === daily.length ? daily : daily.slice(0, closedDays);
  const ribbonDays = days.slice(-(HASH_RIBBON_SLOW_DAYS + 1));
  const ribbon = hashRibbons(
    ribbonDays.map((d) => d.hashrateHps),
    ribbonDays.map((d) => d.btcPriceUsd),
  ).at(-1);
  const puellDays = days.slice(-PUELL_WINDOW_DAYS);
  const puell = puellMultiple(
    puellDays.map((d) => d.issuanceBtc),
    puellDays.map((d) => d.btcPriceUsd),
  ).at(-1);
  return { ribbonDays, ribbon, puellDays, puell };
});

function indicators(sources: ProfitabilitySources, days: readonly DailyNetwork[]): ProfitabilityRecord['indicators'] {
  const { ribbonDays, ribbon, puellDays, puell } = closedDayIndicators(sources.daily, days.length);
  // Only epochs started by the snapshot's time: the table may already hold later ones (replays).
  const atMs = Date.parse(sources.snapshot.intervalStart);
  const started = sources.epochs.slice(0, epochsStartedBy(sources.epochs, atMs));
  const streak = difficultyStreak(started);
  const lastEpoch = started.at(-1);
  const progress = sources.snapshot.epochProgress;
  return {
    hashRibbon:
      ribbon && ribbon.sma30Hps !== undefined && ribbon.sma60Hps !== undefined && ribbon.capitulating !== undefined
        ? {
            date: ribbonDays.at(-1)!.date,
            sma30Hps: ribbon.sma30Hps,
            sma60Hps: ribbon.sma60Hps,
            spreadPct: fractionToPct(ribbon.sma30Hps / ribbon.sma60Hps - 1),
            capitulating: ribbon.capitulating,
            recovery: ribbon.recovery,
            buy: ribbon.buy,
          }
        : null,
    puell:
      puell && puell.multiple !== undefined && puell.issuanceUsd !== undefined && puell.issuanceSma365Usd !== undefined
        ? {
            date: puellDays.at(-1)!.date,
            multiple: puell.multiple,
            issuanceUsd: puell.issuanceUsd,
            issuanceSma365Usd: puell.issuanceSma365Usd,
          }
        : null,
    difficultyStreak:
      lastEpoch && lastEpoch.changePct !== undefined
        ? { negativeStreak: streak.currentLength, lastEpoch: lastEpoch.epoch, lastChangePct: lastEpoch.changePct }
        : null,
    projectedAdjustment: {
      epoch: progress.epoch,
      estimatedChangePct: progress.estimatedChangePct,
      progressPct: progress.progressPct,
      remainingBlocks: progress.remainingBlocks,
      estimatedRetargetAt: progress.estimatedRetargetAt,
      previousChangePct: progress.previousChangePct,
    },
  };
}

function publicMiners(sources: ProfitabilitySources): ProfitabilityRecord['publicMiners'] {
  const s = sources.snapshot;
  const blocksPerDay = expectedBlocksPerDay(s.hashrateHps, s.difficulty);
  const network = {
    networkHashrateHps: s.hashrateHps,
    btcIssuedPerDay: s.subsidyBtc * blocksPerDay,
    btcFeesPerDay: s.feesBtcPerBlock * blocksPerDay,
  };
  const today = s.intervalStart.slice(0, 10);
  return sources.reference.publicMiners.map((miner) => {
    const estimate = publicMinerCostPerBtc(miner, network);
    const latest = miner.treasuryActions
      .filter((a) => a.date <= today)
      .sort((a, b) => a.date.localeCompare(b.date))
      .at(-1);
    return {
      ticker: miner.ticker,
      name: miner.name,
      estimate: estimate.ok
        ? {
            ok: true as const,
            energyUsdPerBtc: finite(estimate.energyUsdPerBtc),
            powerMw: estimate.powerMw,
            btcMinedPerDay: estimate.btcMinedPerDay,
            shareOfNetworkPct: fractionToPct(estimate.shareOfNetworkFraction),
          }
        : { ok: false as const, missing: [...estimate.missing], message: estimate.message },
      treasuryStance: miner.treasuryPolicy.stance,
      btcHeld: { value: miner.btcHeld.value, asOf: miner.btcHeld.asOf },
      latestTreasuryAction: latest
        ? {
            date: latest.date,
            action: latest.action,
            btc: latest.btc ?? null,
            description: latest.description,
            source: latest.source,
          }
        : null,
    };
  });
}

export interface BuiltProfitability {
  record: ProfitabilityRecord;
  /** The domain result, with its infinities, for the signal input. */
  result: ProfitabilityResult;
}

export function buildProfitabilityRecord(sources: ProfitabilitySources): BuiltProfitability {
  const { snapshot: s, reference } = sources;
  const result = computeProfitability({ ...reference, market: marketOfSnapshot(s) });
  const days = daysClosedBy(sources.daily, Date.parse(s.intervalStart));
  const lastDay = days.at(-1);
  const lastDayHashprice = lastDay ? realizedHashpriceOfDay(lastDay) : undefined;
  const realized = lastDay && lastDayHashprice ? { date: lastDay.date, ...lastDayHashprice } : null;
  const bandPct = result.fleetShareBand ? fleetShareBandPct(result.fleetShareBand) : undefined;
  const record: ProfitabilityRecord = {
    schemaVersion: PROFITABILITY_SCHEMA_VERSION,
    intervalStart: s.intervalStart,
    observedAt: s.observedAt,
    market: {
      tipHeight: s.tipHeight,
      difficulty: s.difficulty,
      hashrateHps: s.hashrateHps,
      btcPriceUsd: s.btcPriceUsd,
      feesBtcPerBlock: s.feesBtcPerBlock,
      subsidyBtc: s.subsidyBtc,
    },
    hashprice: {
      expectedUsdPerPhDay: result.hashprice.usdPerPhDay,
      expectedBtcPerPhDay: result.hashprice.btcPerPhDay,
      realized: realized
        ? { date: realized.date, usdPerPhDay: realized.usdPerPhDay, btcPerPhDay: realized.btcPerPhDay }
        : null,
    },
    machines: result.machines.map((m) => ({ ...m })),
    fleetShare: {
      shareNegativePct: fractionToPct(result.fleetShare.shareNegativeFraction),
      ...(bandPct ? { shareNegativeLowPct: bandPct.lowPct, shareNegativeHighPct: bandPct.highPct } : {}),
      hashrateAtRiskHps: result.fleetShare.hashrateAtRiskHps,
      hashrateAtRiskEhs: result.fleetShare.hashrateAtRiskEhs,
      byBand: result.fleetShare.byBand.map((b) => ({
        id: b.id,
        label: b.label,
        efficiencyJPerTh: b.efficiencyJPerTh,
        hashrateSharePct: fractionToPct(b.hashrateShareFraction),
        breakEvenPowerPriceUsdPerKwh: b.breakEvenPowerPriceUsdPerKwh,
        shareAboveBreakEvenPct: fractionToPct(b.shareAboveBreakEvenFraction),
        hashrateAtRiskHps: b.hashrateAtRiskHps,
      })),
    },
    ownerFleets: result.ownerFleets.map((f) => ({
      name: f.name,
      hashrateThs: f.day.hashrateThs,
      powerWatts: f.day.powerWatts,
      revenueUsdPerDay: f.day.revenueUsdPerDay,
      revenueBtcPerDay: f.day.revenueBtcPerDay,
      powerCostUsdPerDay: f.day.powerCostUsdPerDay,
      hostingOpexUsdPerDay: f.day.hostingOpexUsdPerDay,
      profitUsdPerDay: f.day.profitUsdPerDay,
      marginPct: fractionToPct(f.day.marginFraction),
      powerPriceUsdPerKwh: f.powerPriceUsdPerKwh,
      breakEvenPowerPriceUsdPerKwh: finite(f.day.breakEvenPowerPriceUsdPerKwh),
      breakEvenBtcPriceUsd: finite(f.day.breakEvenBtcPriceUsd),
      energyUsdPerBtc: finite(f.costPerBtc.energyUsdPerBtc),
      cashUsdPerBtc: finite(f.costPerBtc.cashUsdPerBtc),
      allInUsdPerBtc: finite(f.costPerBtc.allInUsdPerBtc),
    })),
    publicMiners: publicMiners(sources),
    indicators: indicators(sources, days),
  };
  return { record, result };
}
