/**
 * docs/deploy.md's table of the deployer's rights is generated: the bootstrap roles `cdk deploy`
 * assumes, read from the synthesized assembly of the default config (env-agnostic, as the page
 * is), and the calls the preflight sends (PREFLIGHT_CALLS, which the preflight's own test holds
 * to what it sends). The block between the markers must be exactly that table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHashwatchConfig } from '../../infra/config/hashwatchConfig';
import { deployerRightsTable } from '../../local/preflight/deployerRights';
import { deploymentPlan } from '../../local/preflight/deploymentPlan';

const DOC = join(import.meta.dirname, '../../docs/deploy.md');
const BLOCK = /<!-- deployer-rights:begin -->\n([\s\S]*?)\n?<!-- deployer-rights:end -->/;

describe("docs/deploy.md: the deployer's rights", () => {
  // Synthesized while collecting (untimed): slow on a busy machine.
  const plan = deploymentPlan(parseHashwatchConfig({}), {});

  it('the assembly names a deploy, a file-publishing and a lookup role, each of the bootstrap', () => {
    expect([...new Set(plan.deployerRoles.map((r) => r.purpose))].sort()).toEqual([
      'deploy',
      'file-publishing',
      'lookup',
    ]);
    for (const role of plan.deployerRoles) expect(role.arn).toMatch(/:role\/cdk-hnb659fds-[a-z-]+-role-/);
  });

  it('the table between the markers is the one generated from the assembly and the preflight calls', () => {
    const block = BLOCK.exec(readFileSync(DOC, 'utf8'))?.[1];
    expect(block, 'docs/deploy.md has no deployer-rights block').toBeDefined();
    expect(block).toBe(deployerRightsTable(plan.deployerRoles));
  });
});
