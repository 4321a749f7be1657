/**
 * Builds the Hashwatch app for assertions: cdk.json's context (feature flags), bundling skipped
 * (context aws:cdk:bundling-stacks = []),
 * a fixed account and region, and a stand-in handler so the tests need no function code.
 */
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildHashwatchApp, type HashwatchStacks } from '../../infra/buildApp';
import { CDK_JSON_CONTEXT } from '../../infra/cdkJsonContext';
import { parseHashwatchConfig, type HashwatchConfigInput } from '../../infra/config/hashwatchConfig';

export const TEST_ENV = { account: '123456789012', region: 'eu-west-1' };
const fixtureHandler = join(import.meta.dirname, 'fixtures/handler.ts');
export const FIXTURE_ENTRIES = {
  ingest: fixtureHandler,
  compute: fixtureHandler,
  calculator: fixtureHandler,
  api: fixtureHandler,
  notifier: fixtureHandler,
  power: fixtureHandler,
};

export interface Built extends HashwatchStacks {
  app: App;
  stateful$: Template;
  stateless$: Template;
}

const cache = new Map<string, Built>();

/** Builds once per config within a test file (the tests only read the result). */
export function build(configInput: HashwatchConfigInput = {}): Built {
  const key = JSON.stringify(configInput);
  const cached = cache.get(key);
  if (cached) return cached;
  const built = buildUncached(configInput);
  cache.set(key, built);
  return built;
}

function buildUncached(configInput: HashwatchConfigInput): Built {
  // cdk.json's feature flags, as the CLI passes them, so the templates are the deployed ones.
  const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildHashwatchApp(app, parseHashwatchConfig(configInput), {
    functionEntries: FIXTURE_ENTRIES,
    env: TEST_ENV,
  });
  return {
    app,
    ...stacks,
    stateful$: Template.fromStack(stacks.stateful),
    stateless$: Template.fromStack(stacks.stateless),
  };
}
