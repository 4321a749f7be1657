/**
 * The synthesized app as a deployment would see it: the real `infra/app.ts` entry point (esbuild
 * bundling, cdk-nag) run once into a temporary cloud assembly, then read back as templates and
 * asset folders. Nothing here knows the Hashwatch functions by name: they are discovered from the
 * templates, with what invokes them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '../../..');

import { refersTo, type CfnTemplate } from '../../support/iam/templateRoles';

export type { CfnTemplate };

export interface StackArtifact {
  stackName: string;
  template: CfnTemplate;
  /** Asset hash -> folder of the asset in the cloud assembly. */
  assetFolders: Map<string, string>;
}

export interface CloudAssembly {
  outdir: string;
  stacks: StackArtifact[];
}

interface Manifest {
  artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
}
interface AssetManifest {
  files: Record<string, { source: { path: string; packaging?: string } }>;
}

/**
 * Runs the app as `cdk synth` does (the CLI only sets CDK_OUTDIR and CDK_CONTEXT_JSON and runs
 * cdk.json's "app"), with `context` (e.g. `config`: a config file path). Throws with the app's
 * output when it fails (a cdk-nag finding, a bundling error).
 */
export function synthesize(context: Record<string, unknown>): CloudAssembly {
  const outdir = mkdtempSync(join(tmpdir(), 'hashwatch-deployed-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'infra/app.ts')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(context),
      HASHWATCH_QUIET: '1',
      CDK_DISABLE_CLI_TELEMETRY: '1',
    },
    timeout: 240_000,
  });
  if (result.status !== 0) {
    throw new Error(`synth failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return readCloudAssembly(outdir);
}

export function readCloudAssembly(outdir: string): CloudAssembly {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const stacks: StackArtifact[] = [];
  for (const [stackName, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const template = JSON.parse(readFileSync(join(outdir, artifact.properties.templateFile), 'utf8')) as CfnTemplate;
    const assets = JSON.parse(readFileSync(join(outdir, `${stackName}.assets.json`), 'utf8')) as AssetManifest;
    const assetFolders = new Map(
      Object.entries(assets.files)
        .filter(([, file]) => file.source.packaging === 'zip')
        .map(([hash, file]) => [hash, join(outdir, file.source.path)]),
    );
    stacks.push({ stackName, template, assetFolders });
  }
  return { outdir, stacks };
}

/** How Lambda gets invoked, as the templates wire it. */
export type Trigger =
  | { kind: 'schedule'; scheduleId: string; input: string | undefined }
  | { kind: 'stream'; mappingId: string; filterPatterns: string[]; batchSize: number; eventSource: unknown }
  | { kind: 'function-url'; urlId: string; authType: string }
  | { kind: 'direct-invoke'; permissionId: string; principal: unknown }
  /**
   * An SNS subscription of one of the function's aliases: SNS invokes the alias (`qualifier`, its
   * name) with each message of `topic` that passes the subscription's filter policy.
   */
  | {
      kind: 'sns';
      subscriptionId: string;
      topic: unknown;
      qualifier: string;
      filterPolicy: Record<string, unknown> | undefined;
    };

export interface DeployedFunction {
  stackName: string;
  logicalId: string;
  handler: string;
  runtime: string;
  memoryMb: number;
  timeoutSeconds: number;
  environment: Record<string, unknown>;
  roleLogicalId: string;
  assetFolder: string;
  triggers: Trigger[];
  properties: Record<string, unknown>;
}

/** Every Lambda function of the app, with its asset folder and what invokes it. */
export function deployedFunctions(assembly: CloudAssembly): DeployedFunction[] {
  const functions: DeployedFunction[] = [];
  for (const stack of assembly.stacks) {
    const resources = Object.entries(stack.template.Resources);
    for (const [logicalId, resource] of resources) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const p = resource.Properties ?? {};
      const code = p.Code as { S3Key?: string; ZipFile?: string };
      const hash = code.S3Key?.replace(/\.zip$/, '');
      const assetFolder = hash ? stack.assetFolders.get(hash) : undefined;
      if (!assetFolder)
        throw new Error(`${stack.stackName}/${logicalId}: no zip asset for its code ${JSON.stringify(code)}`);
      const role = p.Role as { 'Fn::GetAtt'?: [string, string] };
      const roleLogicalId = role['Fn::GetAtt']?.[0];
      if (!roleLogicalId) throw new Error(`${logicalId}: its role is not a role of this stack`);
      const triggers: Trigger[] = [];
      for (const [id, other] of resources) {
        const q = other.Properties ?? {};
        if (other.Type === 'AWS::Scheduler::Schedule') {
          const target = q.Target as { Arn: unknown; Input?: string };
          if (refersTo(target.Arn, logicalId)) triggers.push({ kind: 'schedule', scheduleId: id, input: target.Input });
        } else if (other.Type === 'AWS::Lambda::EventSourceMapping' && refersTo(q.FunctionName, logicalId)) {
          const filters = (q.FilterCriteria as { Filters?: Array<{ Pattern: string }> } | undefined)?.Filters ?? [];
          triggers.push({
            kind: 'stream',
            mappingId: id,
            filterPatterns: filters.map((f) => f.Pattern),
            batchSize: (q.BatchSize as number | undefined) ?? 100,
            eventSource: q.EventSourceArn,
          });
        } else if (other.Type === 'AWS::Lambda::Url' && refersTo(q.TargetFunctionArn, logicalId)) {
          triggers.push({ kind: 'function-url', urlId: id, authType: q.AuthType as string });
        } else if (other.Type === 'AWS::SNS::Subscription' && q.Protocol === 'lambda') {
          const alias = resources.find(
            ([aliasId, a]) =>
              a.Type === 'AWS::Lambda::Alias' &&
              refersTo(q.Endpoint, aliasId) &&
              refersTo(a.Properties?.FunctionName, logicalId),
          );
          if (alias)
            triggers.push({
              kind: 'sns',
              subscriptionId: id,
              topic: q.TopicArn,
              qualifier: alias[1].Properties!.Name as string,
              filterPolicy: q.FilterPolicy as Record<string, unknown> | undefined,
            });
        } else if (
          other.Type === 'AWS::Lambda::Permission' &&
          refersTo(q.FunctionName, logicalId) &&
          q.Action === 'lambda:InvokeFunction' &&
          q.InvokedViaFunctionUrl !== true &&
          q.SourceArn === undefined
        ) {
          // A principal (not a service acting for a source) may call Invoke itself.
          triggers.push({ kind: 'direct-invoke', permissionId: id, principal: q.Principal });
        }
      }
      functions.push({
        stackName: stack.stackName,
        logicalId,
        handler: p.Handler as string,
        runtime: p.Runtime as string,
        memoryMb: (p.MemorySize as number | undefined) ?? 128,
        timeoutSeconds: (p.Timeout as number | undefined) ?? 3,
        environment: (p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
        roleLogicalId,
        assetFolder,
        triggers,
        properties: p,
      });
    }
  }
  return functions;
}
