/**
 * The ingest use case, run on every schedule tick: the backfill first when it is enabled and not
 * yet complete (an empty table gets its history before its first snapshot), then one ingest cycle.
 * The handler (functions/ingest) only wires the sources, the repository and the telemetry.
 */
import type { IngestConfig } from '../config/ingestConfig';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import { runBackfill, type BackfillResult } from './backfill';
import type { IngestSources, NetworkRepository } from './ports';
import { runIngestCycle, type CycleTrigger, type IngestCycleResult } from './runIngestCycle';
import type { IngestTelemetry } from './telemetry';

export interface IngestSummary {
  cycle: IngestCycleResult;
  /** The backfill's result, when this run did (or tried) one; absent once it is complete. */
  backfill?: BackfillResult;
}

export interface IngestDeps {
  sources: IngestSources;
  repository: NetworkRepository;
  config: IngestConfig;
  telemetry: IngestTelemetry;
  /** The run's clock: every check and interval of this run uses it. */
  now: Date;
  /** The bundled epoch table, the backfill's last resort (shared/data/history). */
  bundledEpochs?: () => DifficultyEpoch[];
  /** What started the run: the interval's schedule (default) or the tip watch (tipWatch.ts). */
  trigger?: CycleTrigger;
}

export async function runIngest(deps: IngestDeps): Promise<IngestSummary> {
  const { sources, repository, config, telemetry, now } = deps;
  let backfill: BackfillResult | undefined;
  if (config.backfill.enabled) {
    backfill = await runBackfill({
      sources,
      repository,
      telemetry,
      hashratePeriod: config.backfill.hashratePeriod,
      now,
      ...(deps.bundledEpochs ? { bundledEpochs: deps.bundledEpochs } : {}),
    });
    // A backfill finished by an earlier run is not news: the summary leaves it out.
    if (backfill.status === 'already-complete') backfill = undefined;
  }
  const cycle = await runIngestCycle({
    sources,
    repository,
    config,
    telemetry,
    now,
    trigger: deps.trigger ?? 'schedule',
  });
  return { cycle, ...(backfill ? { backfill } : {}) };
}
