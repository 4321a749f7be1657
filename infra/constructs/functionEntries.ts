/** Where the handlers live; tests point the stacks at a fixture handler instead. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface FunctionEntries {
  ingest: string;
  compute: string;
  calculator: string;
  /** The read API (GET /v1/...). */
  api: string;
  notifier: string;
  /** The power price ingest (built only when a site's price is fetched). */
  power: string;
}

export const DEFAULT_FUNCTION_ENTRIES: FunctionEntries = {
  ingest: join(REPO_ROOT, 'functions/ingest/handler.ts'),
  compute: join(REPO_ROOT, 'functions/compute/handler.ts'),
  calculator: join(REPO_ROOT, 'functions/calculator/handler.ts'),
  api: join(REPO_ROOT, 'functions/api/handler.ts'),
  notifier: join(REPO_ROOT, 'functions/notifier/handler.ts'),
  power: join(REPO_ROOT, 'functions/power/handler.ts'),
};

/** Lambda refuses environments above 4 KB (keys and values together); say so at synth time instead. */
export const LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;
/** Room kept for the other variables (table name, topic ARN, Powertools settings: about 300 bytes). */
export const ENVIRONMENT_RESERVE_BYTES = 1024;

export function assertConfigEnvironmentFits(functionName: string, configEnvironment: Record<string, string>): void {
  const bytes = Object.entries(configEnvironment).reduce(
    (sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value),
    0,
  );
  const budget = LAMBDA_ENVIRONMENT_LIMIT_BYTES - ENVIRONMENT_RESERVE_BYTES;
  if (bytes > budget) {
    throw new Error(
      `The ${functionName} function's config would take ${bytes} bytes of its environment; at most ${budget} fit (Lambda allows ${LAMBDA_ENVIRONMENT_LIMIT_BYTES} in all). Shorten the ${functionName} section of the Hashwatch config.`,
    );
  }
}
