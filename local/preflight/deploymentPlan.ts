/**
 * What a deploy of this config will ask of the account, read from the templates `cdk synth` makes
 * of it (bundling skipped: the code does not change what is asked), not from the config's own
 * defaults: the functions' reserved concurrency, the CDK bootstrap version parameter and the
 * lowest version the templates' CheckBootstrapVersion rule accepts. The SSM parameters holding
 * the channels' secrets come from the config (every `...Parameter` field of a channel). The
 * bootstrap roles the CLI assumes to deploy come from the cloud assembly (the deployer's rights).
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { AssetManifestArtifact } from 'aws-cdk-lib/cx-api';
import { buildHashwatchApp } from '../../infra/buildApp';
import { CDK_JSON_CONTEXT } from '../../infra/cdkJsonContext';
import type { HashwatchConfig } from '../../infra/config/hashwatchConfig';
import type { DeployerRole } from './deployerRights';

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
  /** The e-mail subscriptions the templates create, with the topic's display name. */
  emailSubscriptions: Array<{ address: string; topic: string }>;
  /** The bootstrap roles `cdk deploy` assumes for these stacks and their assets (the deployer's rights). */
  deployerRoles: DeployerRole[];
}

interface TemplateShape {
  Resources?: Record<
    string,
    {
      Type: string;
      Properties?: {
        ReservedConcurrentExecutions?: unknown;
        Protocol?: unknown;
        Endpoint?: unknown;
        TopicArn?: unknown;
        DisplayName?: unknown;
      };
    }
  >;
  Parameters?: { BootstrapVersion?: { Default?: string } };
  Rules?: {
    CheckBootstrapVersion?: {
      Assertions?: Array<{ Assert?: { 'Fn::Not'?: Array<{ 'Fn::Contains'?: [string[], unknown] }> } }>;
    };
  };
}

interface AssetManifestShape {
  files?: Record<string, { destinations?: Record<string, { assumeRoleArn?: string }> }>;
  dockerImages?: Record<string, { destinations?: Record<string, { assumeRoleArn?: string }> }>;
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
  const emailSubscriptions: DeploymentPlan['emailSubscriptions'] = [];
  let bootstrapVersionParameter: string | undefined;
  let minimum = 0;
  for (const stack of [stacks.stateful, stacks.stateless]) {
    const template = assembly.getStackByName(stack.stackName).template as TemplateShape;
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const reserved = resource.Properties?.ReservedConcurrentExecutions;
      if (resource.Type === 'AWS::Lambda::Function' && typeof reserved === 'number')
        reservations.push({ stackName: stack.stackName, logicalId, reservedConcurrentExecutions: reserved });
      if (
        resource.Type === 'AWS::SNS::Subscription' &&
        resource.Properties?.Protocol === 'email' &&
        typeof resource.Properties.Endpoint === 'string'
      ) {
        // The topic is in the same template (the subscriptions live with the topics): { Ref: <id> }.
        const topicId = (resource.Properties.TopicArn as { Ref?: string } | undefined)?.Ref;
        const topic = topicId ? template.Resources?.[topicId]?.Properties?.DisplayName : undefined;
        emailSubscriptions.push({
          address: resource.Properties.Endpoint,
          topic: typeof topic === 'string' ? topic : (topicId ?? 'a topic'),
        });
      }
    }
    bootstrapVersionParameter ??= template.Parameters?.BootstrapVersion?.Default;
    minimum = Math.max(minimum, minimumBootstrapVersion(template) ?? 0);
  }
  const deployerRoles: DeployerRole[] = [];
  for (const stack of [stacks.stateful, stacks.stateless]) {
    const artifact = assembly.getStackByName(stack.stackName);
    if (artifact.assumeRoleArn) deployerRoles.push({ purpose: 'deploy', arn: artifact.assumeRoleArn });
    if (artifact.lookupRole) deployerRoles.push({ purpose: 'lookup', arn: artifact.lookupRole.arn });
  }
  for (const artifact of assembly.artifacts) {
    if (!(artifact instanceof AssetManifestArtifact)) continue;
    const manifest = JSON.parse(readFileSync(artifact.file, 'utf8')) as AssetManifestShape;
    for (const kind of [manifest.files, manifest.dockerImages])
      for (const asset of Object.values(kind ?? {}))
        for (const destination of Object.values(asset.destinations ?? {}))
          if (destination.assumeRoleArn)
            deployerRoles.push({
              purpose: kind === manifest.files ? 'file-publishing' : 'image-publishing',
              arn: destination.assumeRoleArn,
            });
  }
  if (!bootstrapVersionParameter) throw new Error('the synthesized templates name no BootstrapVersion parameter');
  return {
    reservations,
    bootstrapVersionParameter,
    minimumBootstrapVersion: minimum,
    secretParameters: secretParametersOf(config),
    emailSubscriptions,
    deployerRoles,
  };
}
