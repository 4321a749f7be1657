import { describe, expect, it } from 'vitest';
import { dataFileErrorOf } from '../../support/dataFileErrors';
import { FLEET_MIX_FILE, loadFleetMix, parseFleetMix } from '../../../shared/data/fleetMix';
import fleetMixJson from '../../../shared/data/fleetMix.json';
import { loadMachineCatalog } from '../../../shared/data/machineCatalog';
import { loadPowerPrices, parsePowerPrices, POWER_PRICES_FILE } from '../../../shared/data/powerPrices';
import powerPricesJson from '../../../shared/data/powerPrices.json';

type Editable = { bands: Record<string, unknown>[] } & Record<string, unknown>;
const copy = (json: unknown): Editable => JSON.parse(JSON.stringify(json));
const messageOf = dataFileErrorOf;

describe('fleet mix (shared/data/fleetMix.json)', () => {
  it('loads six efficiency bands whose shares add up to 1, each sourced and dated', () => {
    const mix = loadFleetMix();
    expect(mix.bands.map((b) => b.label)).toEqual([
      '<= 17 J/TH',
      '17-20 J/TH',
      '20-25 J/TH',
      '25-30 J/TH',
      '30-38 J/TH',
      '> 38 J/TH',
    ]);
    expect(mix.bands.reduce((s, b) => s + b.hashrateShareFraction, 0)).toBeCloseTo(1, 9);
    for (const band of mix.bands) {
      expect(band.source.length).toBeGreaterThan(10);
      expect(band.sourceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(mix.anchors.length).toBeGreaterThan(0);
  });

  it("names example machines that exist in the catalog and fall inside their band's bounds", () => {
    const byId = new Map(loadMachineCatalog().machines.map((m) => [m.id, m]));
    const bands = loadFleetMix().bands;
    // The model's bands name the models they hold; a band the model left empty names none.
    expect(bands.every((b) => b.exampleMachineIds.length > 0 || b.hashrateShareFraction === 0)).toBe(true);
    expect(bands.filter((b) => b.hashrateShareFraction > 0).length).toBeGreaterThanOrEqual(3);
    for (const band of bands) {
      for (const id of band.exampleMachineIds) {
        const machine = byId.get(id);
        expect(machine, `${band.id}: ${id}`).toBeDefined();
        const efficiency = machine!.powerWatts / machine!.hashrateThs;
        if (band.minJPerTh !== undefined) expect(efficiency, id).toBeGreaterThanOrEqual(band.minJPerTh);
        if (band.maxJPerTh !== undefined) expect(efficiency, id).toBeLessThanOrEqual(band.maxJPerTh);
      }
    }
  });

  it('rejects shares that do not add up to 1, naming the file', () => {
    const file = copy(fleetMixJson);
    file.bands[0]!.hashrateShareFraction = (file.bands[0]!.hashrateShareFraction as number) + 0.1;
    const message = messageOf(() => parseFleetMix(file));
    expect(message).toContain(FLEET_MIX_FILE);
    expect(message).toMatch(/bands: hashrate shares add up to 1\.(1|0999)/);
  });

  it('rejects a gap between bands and a representative efficiency outside its band', () => {
    const file = copy(fleetMixJson);
    file.bands[2]!.minJPerTh = 21;
    file.bands[3]!.efficiencyJPerTh = 31;
    const message = messageOf(() => parseFleetMix(file));
    expect(message).toContain('bands[2] (20to25).minJPerTh');
    expect(message).toContain('bands[3] (25to30).efficiencyJPerTh: above');
  });

  it('rejects a band without a source', () => {
    const file = copy(fleetMixJson);
    file.bands[1]!.source = '';
    expect(messageOf(() => parseFleetMix(file))).toContain('bands[1] (17to20).source');
  });
});

describe('power-price distribution (shared/data/powerPrices.json)', () => {
  it('loads contiguous USD/kWh bands whose shares add up to 1, with a median near the CCAF 4.5 c/kWh', () => {
    const dist = loadPowerPrices();
    expect(dist.bands.reduce((s, b) => s + b.hashrateShareFraction, 0)).toBeCloseTo(1, 9);
    let cumulative = 0;
    let median = Number.NaN;
    for (const band of dist.bands) {
      if (cumulative + band.hashrateShareFraction >= 0.5 && Number.isNaN(median)) {
        median =
          band.minUsdPerKwh +
          ((0.5 - cumulative) / band.hashrateShareFraction) * (band.maxUsdPerKwh - band.minUsdPerKwh);
      }
      cumulative += band.hashrateShareFraction;
    }
    // CCAF 2025: median delivered cost $45/MWh among surveyed firms.
    expect(median).toBeGreaterThan(0.038);
    expect(median).toBeLessThan(0.05);
  });

  it('rejects overlapping bands and an inverted band, naming row and field', () => {
    const file = copy(powerPricesJson);
    file.bands[3]!.minUsdPerKwh = 0.045;
    file.bands[5]!.maxUsdPerKwh = 0.05;
    const message = messageOf(() => parsePowerPrices(file, 'edited.json'));
    expect(message).toContain('edited.json');
    expect(message).toContain('bands[3] (p5to6).minUsdPerKwh');
    expect(message).toContain('bands[5] (p7to8).maxUsdPerKwh');
  });

  it('rejects a missing version and a bad as-of date', () => {
    const file = copy(powerPricesJson);
    delete file.version;
    file.asOf = 'March 2026';
    const message = messageOf(() => parsePowerPrices(file));
    expect(message).toContain(POWER_PRICES_FILE);
    expect(message).toMatch(/version/);
    expect(message).toMatch(/asOf/);
  });
});
