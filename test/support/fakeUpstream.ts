/**
 * Every upstream the ingest talks to, replayed by one local server: the recorded scenario
 * "2026-02-01" (local/devtools/recordedScenario.ts; responses in shared/data/recorded,
 * origin in its SOURCES.md) plus the test-only samples in test/fixtures/upstream (provider docs
 * examples and real captures from other years, used by parser and fault tests; see its SOURCES.md).
 * Fault injection is the replay server's (setFault).
 */
import { afterAll, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReplayServer, type ReplayServer } from '../../local/devtools/replayServer';
import {
  PATHS,
  RECORDED_DIR_URL,
  REPLAY_RETENTION_DAYS,
  replayIngestConfigJson,
  scenario20260201,
  SCENARIO_NOW,
} from '../../local/devtools/recordedScenario';
import type { IngestConfig } from '../../shared/config/ingestConfig';
import { ingestConfigSchema } from '../../shared/config/ingestConfig';

export { PATHS, scenario20260201, SCENARIO_NOW };

/** Test-only samples (docs examples, captures from other years). */
export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'upstream');
/** The recorded scenario's responses (product data, shared with the local replay mode). */
export const RECORDED_DIR = fileURLToPath(RECORDED_DIR_URL);

/** A recorded response by its path under either directory (scenario files first). */
export const readFixture = (relativePath: string): string => {
  const recorded = join(RECORDED_DIR, relativePath);
  return readFileSync(existsSync(recorded) ? recorded : join(FIXTURE_DIR, relativePath), 'utf8');
};
export const readJsonFixture = <T = unknown>(relativePath: string): T => JSON.parse(readFixture(relativePath)) as T;

export function startFakeUpstream(): Promise<ReplayServer> {
  return startReplayServer(scenario20260201());
}

/**
 * Test fixture, like useDynamoLocal(): one fake upstream per test file, started in beforeAll and
 * closed in afterAll. Call the returned function inside tests to reach the running server.
 */
export function useFakeUpstream(): () => ReplayServer {
  let server: ReplayServer | undefined;
  beforeAll(async () => {
    server = await startFakeUpstream();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the fake upstream is not started (call useFakeUpstream() at describe scope)');
    return server;
  };
}

/** Long enough that scenario snapshots (2026-02-01) outlive the wall clock for years. */
export const TEST_RETENTION_DAYS = REPLAY_RETENTION_DAYS;

/** An ingest config pointing every source at the fake, with test-sized timeouts and backoff. */
export function configFor(baseUrl: string, overrides: Record<string, unknown> = {}): IngestConfig {
  return ingestConfigSchema.parse(configJsonFor(baseUrl, overrides));
}

export function configJsonFor(baseUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return replayIngestConfigJson(baseUrl, {
    // 1.5 s: a loopback answer is milliseconds, but on a loaded 2-core machine (JIT, DynamoDB Local,
    // the other worker) one can take several hundred; the few hang faults wait it out twice.
    http: { timeoutMs: 1_500, maxAttempts: 2, backoffBaseMs: 5, backoffMaxMs: 20, maxRetryAfterMs: 2_000 },
    ...overrides,
  });
}
