/**
 * The deployed entry points (functions/<fn>/handler.ts) build their clients from the environment
 * through the product's factory, which names the function each client serves (its `owner`): the
 * factory's hook gives every such client that function's deployed role, resolved to the test's
 * table and topic. A client the test builds for itself (owner `local`) stays unrestricted.
 *
 * Call `useEntryPointRoles()` at file scope; in a test, `underDeployedRoles(standIns)` before the
 * entry point is imported. The hook is cleared after each test.
 */
import { afterEach } from 'vitest';
import { setAwsClientHook } from '../../../shared/adapters/aws/awsClientFactory';
import { attachIamRole } from './iamMiddleware';
import { deployedRole, type FunctionService, type IamRole, type RoleStandIns } from './iamRole';

export interface EntryPointRoles {
  /** The role the entry point's clients of `service` run under (made on first use). */
  role(service: FunctionService): IamRole;
}

export function useEntryPointRoles(): (standIns: RoleStandIns) => EntryPointRoles {
  afterEach(() => setAwsClientHook(undefined));
  return (standIns) => {
    const roles = new Map<FunctionService, IamRole>();
    const role = (service: FunctionService): IamRole => {
      let made = roles.get(service);
      if (!made) {
        made = deployedRole(service, standIns);
        roles.set(service, made);
      }
      return made;
    };
    setAwsClientHook((client, owner) => {
      if (owner !== 'local') attachIamRole(client, role(owner));
    });
    return { role };
  };
}
