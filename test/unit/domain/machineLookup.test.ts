import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadMachineCatalog } from '../../../shared/data/machineCatalog';
import { editDistance, findMachineModel, normalizeModelName } from '../../../shared/domain/machineLookup';

const catalog = loadMachineCatalog();
const modelOf = (name: string): string | undefined => {
  const result = findMachineModel(catalog, name);
  return result.ok ? result.machine.model : undefined;
};

describe('findMachineModel', () => {
  it.each(['s19xp', 'Antminer S19 XP', 'S19 XP', 'antminer-s19-xp', 'BITMAIN ANTMINER S19-XP', ' s19 xp '])(
    'finds the S19 XP from "%s"',
    (name) => {
      expect(modelOf(name)).toBe('Antminer S19 XP');
    },
  );

  it('tells S21, S21+ and S21 Plus apart correctly', () => {
    expect(modelOf('S21')).toBe('Antminer S21');
    expect(modelOf('S21+')).toBe('Antminer S21+');
    expect(modelOf('s21 plus')).toBe('Antminer S21+');
    expect(modelOf('M30S++')).toBe('WhatsMiner M30S++');
  });

  it('reads Hydro and Hyd as the same word', () => {
    expect(modelOf('S21 XP Hydro')).toBe('Antminer S21 XP Hyd');
    expect(modelOf('antminer s19xp hyd')).toBe('Antminer S19 XP Hyd');
  });

  it('finds models of every maker by their usual short names', () => {
    expect(modelOf('whatsminer m60s')).toBe('WhatsMiner M60S');
    expect(modelOf('Avalon 1246')).toBe('AvalonMiner 1246');
    expect(modelOf('A1566')).toBe('Avalon A1566');
    expect(modelOf('Bitdeer SealMiner A2')).toBe('SealMiner A2');
    expect(modelOf('Auradine Teraflux AT2880')).toBe('Teraflux AT2880');
  });

  it('answers an unknown model with an error listing the closest names, nearest first', () => {
    const result = findMachineModel(catalog, 'S19 XPP');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('unknown-machine-model');
    expect(result.error.closestNames[0]).toBe('Antminer S19 XP');
    expect(result.error.closestNames).toHaveLength(5);
    expect(result.error.message).toContain('unknown machine model "S19 XPP"');
    expect(result.error.message).toContain('Antminer S19 XP');
  });

  it('suggests the S21 family for a typo in the S21 Pro', () => {
    const result = findMachineModel(catalog, 'S21 Prp', 3);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.closestNames).toHaveLength(3);
      expect(result.error.closestNames[0]).toBe('Antminer S21 Pro');
    }
  });

  it('treats an empty name as unknown rather than matching anything', () => {
    const result = findMachineModel(catalog, '  ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^empty machine model name/);
  });

  it('works on a caller-built list without aliases', () => {
    const custom = { machines: [{ id: 'acme-x1', maker: 'Acme', model: 'X1 Turbo' }] };
    const hit = findMachineModel(custom, 'acme x1-turbo');
    expect(hit.ok && hit.machine.id).toBe('acme-x1');
    const miss = findMachineModel(custom, 'X2');
    expect(miss.ok).toBe(false);
    if (!miss.ok) expect(miss.error.closestNames).toEqual(['X1 Turbo']);
  });

  it('finds every catalog model by its own name, whatever the case and spacing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...catalog.machines), fc.boolean(), fc.boolean(), (machine, upper, spaced) => {
        let name = upper ? machine.model.toUpperCase() : machine.model.toLowerCase();
        name = spaced ? name.split('').join(' ') : name.replace(/\s+/g, '');
        const result = findMachineModel(catalog, name);
        return result.ok && result.machine.id === machine.id;
      }),
    );
  });
});

describe('normalizeModelName and editDistance', () => {
  it('drops case, punctuation and brand words', () => {
    expect(normalizeModelName('Bitmain Antminer S19-XP')).toBe('s19xp');
    expect(normalizeModelName('S21+ Hydro')).toBe('s21plushyd');
  });

  it('computes the textbook Levenshtein distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('s19xp', 's19xp')).toBe(0);
  });
});
