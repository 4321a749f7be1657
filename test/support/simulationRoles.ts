/**
 * The simulation's clients under the deployed roles (issue #22): the seam of local/sim/functionRoles.ts
 * filled with the IAM evaluator built from the synthesized template (test/support/iam). Each client
 * gets the role of the function whose code sends through it, resolved to the run's own table and
 * topic. The simulation records every refusal itself (an unexpected one is an invariant violation),
 * so these roles expect nothing and are checked by the soak's invariants, not by a test hook.
 */
import type { AttachRole, FunctionRole } from '../../local/sim/functionRoles';
import { attachIamRole } from './iam/iamMiddleware';
import { deployedRole, type IamRole } from './iam/iamRole';

const roles = new Map<string, IamRole>();

export const attachDeployedRole: AttachRole = (client, role: FunctionRole, standIns) => {
  const key = `${role} ${standIns.tableName} ${standIns.topicArn}`;
  let iamRole = roles.get(key);
  if (!iamRole) {
    iamRole = deployedRole(role, { tableName: standIns.tableName, alertsTopicArn: standIns.topicArn });
    roles.set(key, iamRole);
  }
  attachIamRole(client as unknown as Parameters<typeof attachIamRole>[0], iamRole);
};
