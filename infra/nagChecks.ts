/**
 * The cdk-nag checks every synth runs (AwsSolutions and Serverless packs, as CDK validation
 * plugins: a finding not acknowledged fails the synth with CDK's report), and the summary
 * `npm run synth` prints at its end: how many findings are open (none, or the synth would have
 * failed) and every acknowledgement with its reason, where it sits and how many findings it
 * silenced, so that a reviewer sees what was waved through without reading the code, and an
 * acknowledgement that silences nothing any more stands out.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export interface NagAcknowledgement {
  /** Construct path it was made on (it covers that construct and everything under it). */
  path: string;
  /** Rule id, with the finding in brackets when the rule reports several (AwsSolutions-IAM5[Resource::*]). */
  id: string;
  reason: string;
}

/** The packs, fresh: a pack keeps the violations of its last run. */
export function nagPacks(): NagPack[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks()];
}

/** Registers the packs as validation plugins: `app.synth()` then fails on any open finding. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
}

/** Bare rule id: CDK stores it qualified by its plugin namespace ("Annotation::AwsSolutions-SQS3"). */
const bareId = (id: string): string => id.replace(/^[A-Za-z]+::/, '');

/** Every acknowledgement in the tree, in tree order. */
export function acknowledgementsOf(root: IConstruct): NagAcknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: bareId(id),
          reason,
        })),
      ),
  );
}

/** The construct, from `node` up, whose acknowledgement of `ruleId` applies (as cdk-nag looks it up). */
function acknowledgingPath(node: IConstruct, ruleId: string): string | undefined {
  for (let current: IConstruct | undefined = node; current; current = current.node.scope) {
    for (const entry of current.node.metadata)
      if (
        entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY &&
        Object.keys(entry.data as object).some((k) => bareId(k) === ruleId)
      )
        return current.node.path;
  }
  return undefined;
}

export interface NagResult {
  packs: string[];
  /** Findings no acknowledgement covers ("<rule> at <path>"). */
  open: string[];
  acknowledgements: Array<NagAcknowledgement & { silenced: number }>;
}

/**
 * Runs the packs over `root` and counts, per acknowledgement, the findings it silenced. cdk-nag
 * reports only open findings; the silenced ones are seen at its acknowledgement lookup (a pack's
 * isAcknowledged, called once per non-compliant finding), which is wrapped for the run.
 */
export function runNag(root: IConstruct, packs: NagPack[] = nagPacks()): NagResult {
  const silenced = new Map<string, number>();
  const open: string[] = [];
  for (const pack of packs) {
    const probe = pack as unknown as { isAcknowledged?: (node: IConstruct, ruleId: string) => boolean };
    const lookup = probe.isAcknowledged;
    if (typeof lookup !== 'function')
      throw new Error('cdk-nag no longer looks acknowledgements up through isAcknowledged: update infra/nagChecks.ts');
    probe.isAcknowledged = (node, ruleId) => {
      const acknowledged = lookup.call(pack, node, ruleId);
      if (acknowledged) {
        const key = `${acknowledgingPath(node, ruleId)}\u0000${ruleId}`;
        silenced.set(key, (silenced.get(key) ?? 0) + 1);
      }
      return acknowledged;
    };
    try {
      for (const violation of pack.validateScope(root).violations)
        for (const resource of violation.violatingResources)
          open.push(
            `${violation.ruleName} at ${(resource as { constructPath?: string }).constructPath ?? resource.resourceLogicalId}`,
          );
    } finally {
      probe.isAcknowledged = lookup;
    }
  }
  return {
    packs: packs.map((p) => p.readPackName),
    open,
    acknowledgements: acknowledgementsOf(root).map((a) => ({
      ...a,
      silenced: silenced.get(`${a.path}\u0000${a.id}`) ?? 0,
    })),
  };
}

/**
 * The summary printed at the end of `npm run synth`: one line of totals, then each
 * acknowledgement (grouped when the same rule is acknowledged for the same reason on several
 * constructs) with its reason.
 */
export function nagSummary(result: NagResult): string {
  const total = result.acknowledgements.reduce((sum, a) => sum + a.silenced, 0);
  const lines = [
    `cdk-nag (${result.packs.join(', ')}): ${result.open.length} open finding(s), ${total} acknowledged by ${result.acknowledgements.length} acknowledgement(s):`,
    ...result.open.map((o) => `  OPEN ${o}`),
  ];
  const groups = new Map<string, Array<NagAcknowledgement & { silenced: number }>>();
  for (const a of result.acknowledgements) {
    const key = `${a.id}\u0000${a.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  for (const group of groups.values()) {
    const { id, reason } = group[0]!;
    const where = group.map((a) => `${a.path}${a.silenced === 0 ? ' (silences nothing)' : ` (${a.silenced})`}`);
    lines.push(`  ${id} on ${where.join(', ')}`, `      reason: ${reason}`);
  }
  return lines.join('\n');
}
