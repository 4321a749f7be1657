/**
 * The soak's kept parts (local/sim/soakCheckpoints.ts): a part counts only for the code that ran
 * it, only for the very part (seed, start, length), and the figures add up over kept parts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SoakCheckpoints, soakCodeFingerprint } from '../../../local/sim/soakCheckpoints';
import { combineParts, soakParts, type SoakPartSummary } from '../../../local/sim/soak';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function repoWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'soak-fp-'));
  dirs.push(root);
  execFileSync('git', ['init', '-q'], { cwd: root });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const summaryOf = (seed: number, startAt: string, days: number, extra: Partial<SoakPartSummary> = {}) => ({
  seed,
  startAt,
  days,
  cycles: 2 * days * 144,
  violations: [],
  maxLockoutCycles: 0,
  maxAlertDelayCycles: 0,
  transitionsCompared: 3,
  deliveriesCompared: 12,
  deliveryViolations: 0,
  revokedCalls: 2,
  redriven: 1,
  faultsByKind: { hang: 1 },
  ...extra,
});

describe('soak checkpoints', () => {
  it('the fingerprint changes with any byte of the code, uncommitted or untracked, and not with docs or tests', () => {
    const root = repoWith({ 'shared/a.ts': 'export const a = 1;\n', 'docs/notes.txt': 'x', 'test/t.ts': 't' });
    const before = soakCodeFingerprint(root);
    expect(soakCodeFingerprint(root)).toBe(before);
    writeFileSync(join(root, 'docs/notes.txt'), 'y');
    writeFileSync(join(root, 'test/t.ts'), 'u');
    expect(soakCodeFingerprint(root)).toBe(before);
    writeFileSync(join(root, 'shared/a.ts'), 'export const a = 2;\n');
    const edited = soakCodeFingerprint(root);
    expect(edited).not.toBe(before);
    mkdirSync(join(root, 'local/sim'), { recursive: true });
    writeFileSync(join(root, 'local/sim/new.ts'), '');
    expect(soakCodeFingerprint(root)).not.toBe(edited);
  });

  it('keeps a finished part for the same build and part only', () => {
    const base = mkdtempSync(join(tmpdir(), 'soak-cp-'));
    dirs.push(base);
    const parts = soakParts({ startAt: '2025-08-01T00:00:00Z', days: 365, parts: 12, firstSeed: 1 });
    expect(parts[1]).toEqual({ index: 1, seed: 2, startAt: '2025-08-31T10:00:00.000Z', days: 365 / 12 });
    const store = new SoakCheckpoints(base, 'a'.repeat(64), 'scope');
    store.save(parts[1]!, summaryOf(2, parts[1]!.startAt, parts[1]!.days));
    expect(store.load(parts[1]!)?.seed).toBe(2);
    expect(store.load(parts[0]!)).toBeUndefined();
    // Another build, or the same file name for another stretch, finds nothing.
    expect(new SoakCheckpoints(base, 'b'.repeat(64), 'scope').load(parts[1]!)).toBeUndefined();
    expect(store.load({ ...parts[1]!, startAt: '2025-09-01T00:00:00.000Z' })).toBeUndefined();
    store.saveBatch({ finishedAt: '2026-12-01T10:00:00.000Z', cycles: 100, seconds: 20, parts: 1 });
    store.saveBatch({ finishedAt: '2026-12-01T11:00:00.000Z', cycles: 300, seconds: 30, parts: 2 });
    expect(store.batches().map((b) => b.cycles)).toEqual([100, 300]);
  });

  it('a kept part that fails its schema is an error naming the field, not a silent zero', () => {
    const base = mkdtempSync(join(tmpdir(), 'soak-cp-'));
    dirs.push(base);
    const [part] = soakParts({ startAt: '2025-08-01T00:00:00Z', days: 10, parts: 1, firstSeed: 1 });
    const store = new SoakCheckpoints(base, 'c'.repeat(64), 'scope');
    store.save(part!, { ...summaryOf(1, part!.startAt, 10), maxLockoutCycles: -1 });
    expect(() => store.load(part!)).toThrow(/maxLockoutCycles/);
  });

  it('combines parts: days and cycles add up, the worst lock-out and delay win, violations are kept', () => {
    const report = combineParts([
      summaryOf(1, 'a', 10, { maxLockoutCycles: 1, faultsByKind: { hang: 2 } }),
      summaryOf(2, 'b', 5, {
        maxAlertDelayCycles: 1,
        violations: ['seed 2: x'],
        deliveryViolations: 1,
        faultsByKind: { hang: 1, reset: 4 },
      }),
    ]);
    expect(report).toEqual({
      simulatedDays: 15,
      cycles: 2 * 15 * 144,
      violations: ['seed 2: x'],
      maxLockoutCycles: 1,
      maxAlertDelayCycles: 1,
      transitionsCompared: 6,
      deliveriesCompared: 24,
      deliveryViolations: 1,
      revokedCalls: 4,
      redriven: 2,
      faultsByKind: { hang: 3, reset: 4 },
    });
  });
});
