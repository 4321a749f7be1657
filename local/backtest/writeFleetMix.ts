/**
 * `npx tsx local/backtest/writeFleetMix.ts`: rewrites shared/data/fleetMix.json (the fleet the
 * live compute uses) as the fleet-over-time model gives it for the last month of the bundled
 * history. test/unit/data/fleetHistory.test.ts fails when the file and the model disagree, so the
 * compute's fleet cannot drift from the model the backtest validates.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundledMachineCatalog, bundledFleetMix, bundledPowerPrices } from '../../shared/data/bundledData';
import { fleetMixFromModel, runFleetModel } from '../../shared/data/fleetHistory';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { DEFAULT_COMPUTE_CONFIG } from '../../shared/config/computeConfig';
import { runWhenEntryPoint } from '../runCli';

/** The fleet mix the model gives today, from the bundled history and data. */
export function modelFleetMix(): ReturnType<typeof fleetMixFromModel> {
  const run = runFleetModel({
    daily: loadDailyHistory(),
    catalog: bundledMachineCatalog,
    basePowerPrices: bundledPowerPrices,
    poolFeeFraction: DEFAULT_COMPUTE_CONFIG.globalFleetPoolFeePct / 100,
  });
  return fleetMixFromModel({ run, template: bundledFleetMix });
}

/** One band a line, like the other hand-kept data files. */
export function formatFleetMix(mix: ReturnType<typeof fleetMixFromModel>): string {
  const { bands, anchors, ...head } = mix;
  const headLines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const bandLines = bands.map((b) => `    ${JSON.stringify(b)}`);
  const anchorLines = anchors.map((a) => `    ${JSON.stringify(a)}`);
  return `{\n${headLines.join(',\n')},\n  "bands": [\n${bandLines.join(',\n')}\n  ],\n  "anchors": [\n${anchorLines.join(',\n')}\n  ]\n}\n`;
}

export async function main(): Promise<number> {
  const target = fileURLToPath(new URL('../../shared/data/fleetMix.json', import.meta.url));
  await writeFile(target, formatFleetMix(modelFleetMix()));
  console.log(`wrote ${target}`);
  return 0;
}

runWhenEntryPoint(import.meta.url, main);
