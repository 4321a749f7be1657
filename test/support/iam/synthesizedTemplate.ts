/**
 * The app's templates as `cdk synth` writes them for a config, without bundling (context
 * `aws:cdk:bundling-stacks: []`: the roles do not depend on the function code), for the stand-in
 * account and region. Synthesis takes seconds, so the templates are kept on disk under a key made
 * of the config and the content of every source file the synthesis reads (infra/, shared/,
 * cdk.json, package-lock.json): each test file of a run reuses them, and any change of infra
 * or config synthesizes afresh.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildHashwatchApp } from '../../../infra/buildApp';
import { CDK_JSON_CONTEXT } from '../../../infra/cdkJsonContext';
import { parseHashwatchConfig, type HashwatchConfigInput } from '../../../infra/config/hashwatchConfig';
import type { StackTemplate } from './standIns';
import { STAND_IN_ACCOUNT, STAND_IN_REGION } from './standIns';
import type { CfnTemplate } from './templateRoles';

const REPO_ROOT = join(import.meta.dirname, '../../..');
/** The code the templates would point at: bundling is skipped, so any file serves. */
const FIXTURE_HANDLER = join(REPO_ROOT, 'test/infra/fixtures/handler.ts');

/**
 * Notification channels with their secrets in Parameter Store, one per channel type: the notifier
 * role then carries its SSM and KMS statements (with their encryption-context condition).
 */
export const IAM_TEST_NOTIFICATIONS: NonNullable<HashwatchConfigInput['notifications']> = [
  { type: 'telegram', chatId: -1001234567890, botTokenParameter: '/hashwatch/telegram/bot-token' },
  { type: 'discord', webhookUrlParameter: '/hashwatch/discord/webhook-url' },
  { type: 'slack', webhookUrlParameter: '/hashwatch/slack/webhook-url' },
  { type: 'webhook', url: 'https://alerts.example.com/h', signingSecretParameter: '/hashwatch/webhook/secret' },
];

export const IAM_TEST_CONFIG: HashwatchConfigInput = { notifications: IAM_TEST_NOTIFICATIONS };

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') || name.endsWith('.json')) out.push(path);
  }
  return out;
}

function cacheKey(config: HashwatchConfigInput): string {
  const hash = createHash('sha256').update(JSON.stringify(config));
  const files = [
    ...sourceFiles(join(REPO_ROOT, 'infra')),
    ...sourceFiles(join(REPO_ROOT, 'shared')),
    join(REPO_ROOT, 'cdk.json'),
    join(REPO_ROOT, 'package-lock.json'),
  ].sort();
  for (const file of files) hash.update(relative(REPO_ROOT, file)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 24);
}

function synthesize(config: HashwatchConfigInput): StackTemplate[] {
  const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildHashwatchApp(app, parseHashwatchConfig(config), {
    functionEntries: {
      ingest: FIXTURE_HANDLER,
      compute: FIXTURE_HANDLER,
      calculator: FIXTURE_HANDLER,
      api: FIXTURE_HANDLER,
      notifier: FIXTURE_HANDLER,
      power: FIXTURE_HANDLER,
    },
    env: { account: STAND_IN_ACCOUNT, region: STAND_IN_REGION },
  });
  const assembly = app.synth();
  return [stacks.stateful, stacks.stateless].map((stack) => ({
    stackName: stack.stackName,
    template: assembly.getStackByName(stack.stackName).template as CfnTemplate,
  }));
}

const inMemory = new Map<string, StackTemplate[]>();

/** The synthesized stacks for `config` (default: the default config with one channel of each type). */
export function synthesizedStacks(config: HashwatchConfigInput = IAM_TEST_CONFIG): StackTemplate[] {
  const key = cacheKey(config);
  const cached = inMemory.get(key);
  if (cached) return cached;
  const dir = join(tmpdir(), 'hashwatch-iam-templates');
  const file = join(dir, `${key}.json`);
  let stacks: StackTemplate[];
  if (existsSync(file)) {
    stacks = JSON.parse(readFileSync(file, 'utf8')) as StackTemplate[];
  } else {
    stacks = synthesize(config);
    mkdirSync(dir, { recursive: true });
    // Written aside then renamed: a test file reading it at the same moment sees all or nothing.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify(stacks));
    renameSync(partial, file);
  }
  inMemory.set(key, stacks);
  return stacks;
}
