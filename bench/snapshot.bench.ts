/**
 * One full profitability snapshot (hashprice, break-even for the whole catalog, fleet share
 * negative, 50 owner fleets), as the compute step runs it on every new network snapshot and a
 * backtest runs it for every day of history. Data files are loaded and validated once, outside
 * the timed path, as the Lambda does at module scope; the snapshot itself does all its work on
 * every call (the market moves a little between calls so nothing can be reused).
 */
import { loadFleetMix } from '../shared/data/fleetMix';
import { loadMachineCatalog } from '../shared/data/machineCatalog';
import { loadPowerPrices } from '../shared/data/powerPrices';
import { computeProfitability, type OwnerFleet, type SnapshotMarket } from '../shared/domain/profitability';
import { median, reportBench } from './report';
import { ReferenceSampler } from './reference';

const catalog = loadMachineCatalog();
const fleetMix = loadFleetMix();
const powerPrices = loadPowerPrices();

/** 50 owner fleets of 1-4 catalog models each, with varied terms (deterministic, no RNG seed needed). */
const ownerFleets: OwnerFleet[] = Array.from({ length: 50 }, (_, i) => {
  const lineCount = 1 + (i % 4);
  const lines = Array.from({ length: lineCount }, (_, j) => {
    const machine = catalog.machines[(i * 7 + j * 11) % catalog.machines.length]!;
    return {
      machine: { hashrateThs: machine.hashrateThs, powerWatts: machine.powerWatts },
      count: 50 + ((i * 13 + j * 29) % 950),
    };
  });
  return {
    name: `fleet-${i}`,
    lines,
    terms: {
      powerPriceUsdPerKwh: 0.03 + (i % 8) * 0.005,
      poolFeeFraction: 0.02,
      uptimeFraction: 0.9 + (i % 10) * 0.01,
      hostingOpexUsdPerDay: (i % 3) * 0.25,
    },
    capexUsd: 500_000 + i * 25_000,
    usefulLifeDays: 1095,
    overheadUsdPerDay: 100 + i * 5,
  };
});

const marketAt = (k: number): SnapshotMarket => ({
  btcPriceUsd: 70_000 + (k % 1000) * 20,
  difficulty: 140e12 + (k % 97) * 1e11,
  subsidyBtc: 3.125,
  feesBtcPerBlock: 0.02 + (k % 13) * 0.001,
  networkHashrateHps: 1.0e21 + (k % 89) * 1e18,
});
const markets = Array.from({ length: 4096 }, (_, k) => marketAt(k));

let sink = 0;
const run = (k: number): void => {
  const snapshot = computeProfitability({
    market: markets[k & 4095]!,
    catalog,
    fleetMix,
    powerPrices,
    ownerFleets,
    poolFeeFraction: 0.02,
  });
  // Keep every part of the result alive so the work cannot be optimized away.
  sink +=
    snapshot.fleetShare.shareNegativeFraction +
    snapshot.machines.length +
    snapshot.ownerFleets[k % 50]!.costPerBtc.energyUsdPerBtc;
};

const WARM_UP = 20_000;
const BATCHES = 400;
const PER_BATCH = 100;
for (let k = 0; k < WARM_UP; k += 1) run(k);

// Time batches of snapshots (a single 10 µs call is close to the timer's resolution) and take
// the median of the per-snapshot time across batches: robust to GC pauses and a busy neighbour.
// Target: 20 us on a quiet machine, scaled by the reference workload sampled before each batch.
const reference = new ReferenceSampler();
const perSnapshotUs: number[] = [];
let k = 0;
for (let b = 0; b < BATCHES; b += 1) {
  reference.sample(1);
  const start = process.hrtime.bigint();
  for (let i = 0; i < PER_BATCH; i += 1) run(k++);
  const elapsedNs = Number(process.hrtime.bigint() - start);
  perSnapshotUs.push(elapsedNs / 1000 / PER_BATCH);
}
if (!Number.isFinite(sink)) throw new Error('snapshot produced a non-finite figure');

const target = reference.timeTarget(20, perSnapshotUs);
reference.describe('profitability-snapshot');
reportBench({ name: 'profitability-snapshot', value: median(perSnapshotUs), unit: 'us', comparison: '<=', target });
