/**
 * The soak's finished parts, kept on disk so that a year of simulation can be run in pieces (a
 * night that ends early, a session with a time budget) and still adds up to one soak of one build.
 *
 * A kept part counts only for the exact code it ran: the store lives under a fingerprint of every
 * file the verdict depends on (the product's shared/ and functions/, the simulation and its local
 * stand-ins in local/, the bundled data, the infrastructure whose IAM policies the simulated
 * functions run under and the evaluator of test/support/iam, the locked dependencies), read from the working tree so an
 * uncommitted edit counts too. Change one byte and the kept parts are not found.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from '../../shared/schema/z';
import type { SoakPart, SoakPartSummary } from './soak';

/** What the simulation's verdict depends on, relative to the repository root. */
export const SOAK_CODE_PATHS = [
  'shared',
  'functions',
  'local',
  // The roles the simulation runs under: the template's policies and the evaluator that reads them.
  'infra',
  'test/support/iam',
  'test/support/simulationRoles.ts',
  'package-lock.json',
] as const;

/** sha256 over the paths and contents of the tracked and untracked (not ignored) files under SOAK_CODE_PATHS. */
export function soakCodeFingerprint(repoRoot: string): string {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...SOAK_CODE_PATHS],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  const files = [...new Set(listed.split('\0').filter(Boolean))].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    let content: Buffer;
    try {
      content = readFileSync(join(repoRoot, file));
    } catch {
      continue; // listed by the index but deleted in the working tree: not part of this build
    }
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

const summarySchema = z.object({
  seed: z.int(),
  startAt: z.string(),
  days: z.number().check(z.positive()),
  cycles: z.int().check(z.nonnegative()),
  violations: z.array(z.string()),
  maxLockoutCycles: z.int().check(z.nonnegative()),
  maxAlertDelayCycles: z.int().check(z.nonnegative()),
  transitionsCompared: z.int().check(z.nonnegative()),
  deliveriesCompared: z.int().check(z.nonnegative()),
  deliveryViolations: z.int().check(z.nonnegative()),
  revokedCalls: z.int().check(z.nonnegative()),
  redriven: z.int().check(z.nonnegative()),
  faultsByKind: z.record(z.string(), z.int().check(z.nonnegative())),
});

const batchSchema = z.object({
  finishedAt: z.string(),
  /** Cycles of the parts this batch finished, and the wall-clock seconds the batch took. */
  cycles: z.int().check(z.nonnegative()),
  seconds: z.number().check(z.nonnegative()),
  parts: z.int().check(z.nonnegative()),
});
export type SoakBatch = z.infer<typeof batchSchema>;

export class SoakCheckpoints {
  readonly dir: string;

  constructor(baseDir: string, fingerprint: string, scope: string) {
    this.dir = join(baseDir, `${fingerprint.slice(0, 16)}-${scope}`);
  }

  private partFile(part: SoakPart): string {
    return join(this.dir, `part-${part.index}-seed-${part.seed}.json`);
  }

  /** The kept summary of a part, if this build finished that very part (same seed, start and length). */
  load(part: SoakPart): SoakPartSummary | undefined {
    let text: string;
    try {
      text = readFileSync(this.partFile(part), 'utf8');
    } catch (error) {
      // Only a file that is not there means "not finished"; an unreadable one is an error.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const summary = summarySchema.parse(JSON.parse(text));
    const same = summary.seed === part.seed && summary.startAt === part.startAt && summary.days === part.days;
    return same ? summary : undefined;
  }

  save(part: SoakPart, summary: SoakPartSummary): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.partFile(part), `${JSON.stringify(summary, null, 2)}\n`);
  }

  batches(): SoakBatch[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.startsWith('batch-'));
    } catch {
      return [];
    }
    return names.sort().map((n) => batchSchema.parse(JSON.parse(readFileSync(join(this.dir, n), 'utf8'))));
  }

  saveBatch(batch: SoakBatch): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, `batch-${batch.finishedAt.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(batch)}\n`);
  }
}
