import { describe, expect, it } from 'vitest';
import {
  DataFileError,
  loadMachineCatalog,
  MACHINES_FILE,
  parseMachineCatalog,
} from '../../../shared/data/machineCatalog';
import machinesJson from '../../../shared/data/machines.json';
import { thrownError } from '../../support/thrownError';

/** A deep copy of the bundled file, to break one field at a time. */
const copyOfFile = (): { machines: Record<string, unknown>[] } & Record<string, unknown> =>
  JSON.parse(JSON.stringify(machinesJson));

const errorOf = (fn: () => unknown): DataFileError => thrownError(fn, DataFileError);

describe('machine catalog (shared/data/machines.json)', () => {
  it('loads at least 30 models from the S9 (2016) to the 2025-2026 generation', () => {
    const catalog = loadMachineCatalog();
    expect(catalog.machines.length).toBeGreaterThanOrEqual(30);
    const years = catalog.machines.map((m) => m.releaseYear);
    expect(Math.min(...years)).toBe(2016);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(2025);
    expect(new Set(catalog.machines.map((m) => m.maker))).toEqual(
      new Set(['Bitmain', 'MicroBT', 'Canaan', 'Bitdeer', 'Auradine']),
    );
  });

  it('carries the published S9 and S19 XP nameplates', () => {
    const byModel = new Map(loadMachineCatalog().machines.map((m) => [m.model, m]));
    // Bitmain S9: 13.5 TH/s at 1323 W (Glassnode reference rigs); S19 XP: 21.5 J/TH (docs/design.md §3).
    expect(byModel.get('Antminer S9')).toMatchObject({ hashrateThs: 13.5, powerWatts: 1323 });
    expect(byModel.get('Antminer S19 XP')).toMatchObject({ efficiencyJPerTh: 21.5, cooling: 'air' });
  });

  it('has a published efficiency within 2% of W / TH on every row, and a source and date', () => {
    for (const m of loadMachineCatalog().machines) {
      expect(Math.abs(m.powerWatts / m.hashrateThs / m.efficiencyJPerTh - 1), m.model).toBeLessThanOrEqual(0.02);
      expect(m.source.length, m.model).toBeGreaterThan(10);
      expect(m.sourceDate, m.model).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('rejects an efficiency that disagrees with W / TH, naming file, row and field', () => {
    const file = copyOfFile();
    const row = file.machines.findIndex((m) => m.model === 'Antminer S19 XP');
    file.machines[row]!.powerWatts = 3500; // 25 J/TH against a published 21.5
    const error = errorOf(() => parseMachineCatalog(file));
    expect(error.fileName).toBe(MACHINES_FILE);
    expect(error.message).toContain(MACHINES_FILE);
    expect(error.message).toContain(`machines[${row}] (Antminer S19 XP).efficiencyJPerTh`);
    expect(error.message).toMatch(/disagrees/);
  });

  it('rejects a row without a source or with a bad date, naming the field', () => {
    const file = copyOfFile();
    delete file.machines[0]!.source;
    file.machines[1]!.sourceDate = '2019-13-40';
    const error = errorOf(() => parseMachineCatalog(file, 'machines-edited.json'));
    expect(error.message).toContain('machines-edited.json');
    expect(error.message).toContain('machines[0] (Antminer S9).source');
    expect(error.message).toContain('machines[1] (Antminer S17).sourceDate');
  });

  it('rejects a negative hashrate and an unknown cooling type', () => {
    const file = copyOfFile();
    file.machines[2]!.hashrateThs = -53;
    file.machines[3]!.cooling = 'oil';
    const error = errorOf(() => parseMachineCatalog(file));
    expect(error.issues.some((i) => i.startsWith('machines[2] (Antminer S17 Pro).hashrateThs'))).toBe(true);
    expect(error.issues.some((i) => i.startsWith('machines[3] (Antminer T17).cooling'))).toBe(true);
  });

  it('rejects two machines answering to the same name', () => {
    const file = copyOfFile();
    const row = file.machines.findIndex((m) => m.model === 'Antminer S21');
    file.machines[row]!.aliases = ['S19 XP'];
    const error = errorOf(() => parseMachineCatalog(file));
    expect(error.message).toContain(`machines[${row}] (Antminer S21).aliases`);
    expect(error.message).toContain('Antminer S19 XP');
  });

  it('rejects a file without version or as-of date', () => {
    const file = copyOfFile();
    delete file.version;
    delete file.asOf;
    const error = errorOf(() => parseMachineCatalog(file));
    expect(error.issues.some((i) => i.startsWith('version'))).toBe(true);
    expect(error.issues.some((i) => i.startsWith('asOf'))).toBe(true);
  });
});
