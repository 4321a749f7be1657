/**
 * The simulation's clients under the deployed roles (issue #22): the seam of local/sim/functionRoles.ts
 * filled with the IAM evaluator built from the synthesized template (test/support/iam). Each client
 * gets the role of the function whose code sends through it, resolved to the run's own table and
 * topic. The simulation records every refusal itself (one the grant-revoked fault did not cause is
 * an invariant violation, reported with the soak's figures), so these roles are judged by the
 * soak's invariants, not by the test hook of iamTestHooks.ts.
 */
import type { AttachRole, FunctionRole } from '../../local/sim/functionRoles';
import { attachIamRole } from './iam/iamMiddleware';
import { assertNoUnexpectedDenials, deployedRole, type IamRole } from './iam/iamRole';

/** Roles of the runs under way (a soak runs two parts at once, each a fault-free and a faulted run). */
const roles = new Map<string, IamRole>();
const RECENT_TABLES = 8;

/**
 * A year's soak makes a role per function and run, and each keeps every request it judged: only
 * the roles of the newest tables are kept here, and the evaluator's test registry is emptied, so
 * the finished runs' roles are freed with their clients.
 */
function forgetFinishedRuns(): void {
  const tables = [...new Set([...roles.keys()].map((k) => k.split(' ')[1]))];
  for (const old of tables.slice(0, Math.max(0, tables.length - RECENT_TABLES)))
    for (const key of [...roles.keys()]) if (key.split(' ')[1] === old) roles.delete(key);
  try {
    assertNoUnexpectedDenials();
  } catch {
    // Not lost: every refusal was also recorded by the simulation's own watch (functionRoles.ts)
    // and is an invariant violation there; the registry is only emptied here.
  }
}

export const attachDeployedRole: AttachRole = (client, role: FunctionRole, standIns) => {
  const key = `${role} ${standIns.tableName} ${standIns.topicArn}`;
  let iamRole = roles.get(key);
  if (!iamRole) {
    forgetFinishedRuns();
    iamRole = deployedRole(role, { tableName: standIns.tableName, alertsTopicArn: standIns.topicArn });
    roles.set(key, iamRole);
  }
  attachIamRole(client as unknown as Parameters<typeof attachIamRole>[0], iamRole);
};
