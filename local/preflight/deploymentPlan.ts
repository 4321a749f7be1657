/**
 * What a deploy of this config will ask of the account, read from the templates `cdk synth` makes
 * of it (bundling skipped: the code does not change what is asked), not from the config's own
 * defaults: the functions' reserved concurrency, the CDK bootstrap version parameter and the
 * lowest version the templates' CheckBootstrapVersion rule accepts. The SSM parameters holding
 * the channels' secrets come from the config (every `...Parameter` field of a channel).
 */
import { App } from 'aws-cdk-lib';
import { buildHashwatchApp } from '../../infra/buildApp';
import { CDK_JSON_CONTEXT } from '../../infra/cdkJsonContext';
import type { HashwatchConfig } from '../../infra/config/hashwatchConfig';

export interface ReservedConcurrency {
  stackName: string;
  logicalId: string;
  reservedConcurrentExecutions: number;
}

export interface SecretParameter {
  /** Where the config names it, e.g. `notifications[0].botTokenParameter`. */
  field: string;
  name: string;
}

export interface DeploymentPlan {
  reservations: ReservedConcurrency[];
  bootstrapVersionParameter: string;
  minimumBootstrapVersion: number;
  secretParameters: SecretParameter[];
}

interface TemplateShape {
  Resources?: Record<string, { Type: string; Properties?: { ReservedConcurrentExecutions?: unknown } }>;
  Parameters?: { BootstrapVersion?: { Default?: string } };
  Rules?: {
    CheckBootstrapVersion?: {
      Assertions?: Array<{ Assert?: { 'Fn::Not'?: Array<{ 'Fn::Contains'?: [string[], unknown] }> } }>;
    };
  };
}

/** The rule refuses the versions it lists ("1".."5"): the lowest accepted is one above the highest refused. */
function minimumBootstrapVersion(template: TemplateShape): number | undefined {
  const refused = template.Rules?.CheckBootstrapVersion?.Assertions?.flatMap(
    (a) => a.Assert?.['Fn::Not']?.flatMap((n) => n['Fn::Contains']?.[0] ?? []) ?? [],
  );
  if (!refused || refused.length === 0) return undefined;
  return Math.max(...refused.map(Number)) + 1;
}

export function secretParametersOf(config: HashwatchConfig): SecretParameter[] {
  return config.notifications.flatMap((channel, index) =>
    Object.entries(channel)
      .filter(([key, value]) => key.endsWith('Parameter') && typeof value === 'string')
      .map(([key, value]) => ({ field: `notifications[${index}].${key}`, name: value as string })),
  );
}

export function deploymentPlan(config: HashwatchConfig, env: { account?: string; region?: string }): DeploymentPlan {
  const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildHashwatchApp(app, config, { env });
  const assembly = app.synth();
  const reservations: ReservedConcurrency[] = [];
  let bootstrapVersionParameter: string | undefined;
  let minimum = 0;
  for (const stack of [stacks.stateful, stacks.stateless]) {
    const template = assembly.getStackByName(stack.stackName).template as TemplateShape;
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const reserved = resource.Properties?.ReservedConcurrentExecutions;
      if (resource.Type === 'AWS::Lambda::Function' && typeof reserved === 'number')
        reservations.push({ stackName: stack.stackName, logicalId, reservedConcurrentExecutions: reserved });
    }
    bootstrapVersionParameter ??= template.Parameters?.BootstrapVersion?.Default;
    minimum = Math.max(minimum, minimumBootstrapVersion(template) ?? 0);
  }
  if (!bootstrapVersionParameter) throw new Error('the synthesized templates name no BootstrapVersion parameter');
  return {
    reservations,
    bootstrapVersionParameter,
    minimumBootstrapVersion: minimum,
    secretParameters: secretParametersOf(config),
  };
}
