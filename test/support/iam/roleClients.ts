/**
 * The clients a test hands to the code under test, each under the deployed role of the function
 * whose code sends through it, built by the product's own factory (its timeouts and retries):
 * DynamoDB on DynamoDB Local, SNS and SSM for a mocked service (mockedUnderRole.ts judges a
 * mocked request by the role attached here).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { snsClient } from '../../../shared/adapters/aws/snsClient';
import { ssmClient } from '../../../shared/adapters/aws/ssmClient';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localDynamoClient } from '../../../local/devtools/localClient';
import { attachIamRole } from './iamMiddleware';
import type { IamRole } from './iamRole';

const underRole = (role: IamRole) => ({
  owner: role.service,
  middleware: (client: Parameters<typeof attachIamRole>[0]) => void attachIamRole(client, role),
});

/** A DynamoDB Local client for `role`'s code (the test's own `table.client` stays unrestricted). */
export const roleDynamoClient = (
  endpoint: string,
  role: IamRole,
  options: { requestTimeoutMs?: number } = {},
): DynamoDBClient => localDynamoClient(endpoint, { ...underRole(role), ...options });

/** An SNS client for `role`'s code, for a mocked SNS (mockClientUnderRole). */
export const roleSnsClient = (role: IamRole): SNSClient =>
  snsClient({ ...underRole(role), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/** An SSM client for `role`'s code, for a mocked Parameter Store (mockClientUnderRole). */
export const roleSsmClient = (role: IamRole): SSMClient =>
  ssmClient({ ...underRole(role), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
