/**
 * The app's templates as `cdk synth` writes them for a config, without bundling (it changes no
 * resource and no setting), and what they configure per function: for the places that need the
 * deployed figures rather than a copy of them (the cost model, the ingest memory bench).
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildHashwatchApp } from './buildApp';
import { CDK_JSON_CONTEXT } from './cdkJsonContext';
import { parseHashwatchConfig, type HashwatchConfigInput } from './config/hashwatchConfig';

export function synthesizedTemplates(configInput: HashwatchConfigInput): Template[] {
  const config = parseHashwatchConfig(configInput);
  const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildHashwatchApp(app, config, { env: { account: '123456789012', region: 'us-east-1' } });
  return [Template.fromStack(stacks.stateful), Template.fromStack(stacks.stateless)];
}

/** Each function's configured memory (MemorySize, MB), by its service (POWERTOOLS_SERVICE_NAME). */
export function functionMemoryMb(templates: readonly Template[]): Record<string, number> {
  const memory: Record<string, number> = {};
  for (const template of templates) {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      const properties = fn.Properties as {
        MemorySize?: number;
        Environment?: { Variables?: Record<string, unknown> };
      };
      const service = properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME;
      // Lambda's default when a function sets none.
      if (typeof service === 'string') memory[service] = properties.MemorySize ?? 128;
    }
  }
  return memory;
}

/** Each function's configured timeout (Timeout, seconds), by its service (POWERTOOLS_SERVICE_NAME). */
export function functionTimeoutSeconds(templates: readonly Template[]): Record<string, number> {
  const timeout: Record<string, number> = {};
  for (const template of templates) {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      const properties = fn.Properties as { Timeout?: number; Environment?: { Variables?: Record<string, unknown> } };
      const service = properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME;
      // Lambda's default when a function sets none.
      if (typeof service === 'string') timeout[service] = properties.Timeout ?? 3;
    }
  }
  return timeout;
}
