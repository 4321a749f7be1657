/**
 * Where the deploy config comes from, in order:
 *   1. `-c config=path/to/file.json` (a file that must exist),
 *   2. `hashwatch.config.json` in the working directory, when present,
 *   3. the built-in defaults,
 * then individual context keys override the file: scalars (`-c scheduleRateMinutes=5`,
 * `-c alarmEmail=ops@example.com`) and structured values as JSON
 * (`-c 'subscriptions=[{"email":"me@example.com"}]'`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HashwatchConfigError, parseHashwatchConfig, type HashwatchConfig } from './hashwatchConfig';

export const DEFAULT_CONFIG_FILE = 'hashwatch.config.json';

/** Context keys that may override a top-level config field on the command line. */
const SCALAR_OVERRIDES = [
  'stackPrefix',
  'scheduleRateMinutes',
  'logRetentionDays',
  'alarmEmail',
  'rawSnapshotRetentionDays',
  'topicEncryption',
  'keyRotation',
  'dashboard',
] as const;

/** Context keys that may override a structured config field, given as JSON (or an object in cdk.json). */
const JSON_OVERRIDES = ['subscriptions', 'notifications', 'calculator', 'ingest', 'compute'] as const;

export interface ConfigSource {
  /** Reads a CDK context value (app.node.tryGetContext). */
  tryGetContext(key: string): unknown;
  /** Directory the relative paths are resolved against. */
  cwd: string;
}

function readJsonFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HashwatchConfigError(`Hashwatch config ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** CLI context values arrive as strings: turn "10" into 10 and "true" into true. */
function coerceContextValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export function loadHashwatchConfig(source: ConfigSource): { config: HashwatchConfig; origin: string } {
  const explicitPath = source.tryGetContext('config');
  let raw: Record<string, unknown> = {};
  let origin = 'built-in defaults';
  if (typeof explicitPath === 'string' && explicitPath.length > 0) {
    const path = resolve(source.cwd, explicitPath);
    if (!existsSync(path))
      throw new HashwatchConfigError(`Hashwatch config file not found: ${path} (from -c config=${explicitPath})`);
    raw = readJsonFile(path) as Record<string, unknown>;
    origin = path;
  } else if (existsSync(resolve(source.cwd, DEFAULT_CONFIG_FILE))) {
    origin = resolve(source.cwd, DEFAULT_CONFIG_FILE);
    raw = readJsonFile(origin) as Record<string, unknown>;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new HashwatchConfigError(`Hashwatch config ${origin} must be a JSON object`);
  }
  const merged: Record<string, unknown> = { ...raw };
  for (const key of SCALAR_OVERRIDES) {
    const value = source.tryGetContext(key);
    if (value !== undefined) merged[key] = coerceContextValue(value);
  }
  for (const key of JSON_OVERRIDES) {
    const value = source.tryGetContext(key);
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      merged[key] = value;
      continue;
    }
    try {
      merged[key] = JSON.parse(value);
    } catch (error) {
      throw new HashwatchConfigError(`-c ${key}=... must be JSON: ${(error as Error).message}`);
    }
  }
  return { config: parseHashwatchConfig(merged, `config (${origin})`), origin };
}
