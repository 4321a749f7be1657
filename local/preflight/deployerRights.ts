/**
 * The rights a deployer needs, from what is sent rather than from memory:
 * - `cdk deploy` (CDK v2's bootstrap model): the CLI assumes the roles the cloud assembly names
 *   (each stack's deploy role and lookup role, each file asset's publishing role) and does the
 *   rest as them, so the deployer needs only sts:AssumeRole on those. Read from the synthesized
 *   assembly of the config (deploymentPlan.ts), so a change of synthesizer or qualifier shows.
 * - `npm run preflight`: the calls in PREFLIGHT_CALLS, the one list its help and docs/deploy.md
 *   print; the preflight test records every call the preflight sends and fails on one not listed
 *   here (and on a listed one it never sends).
 */

export interface PreflightCall {
  /** The SDK client and command that send it (what the test's client hook records). */
  client: string;
  command: string;
  /** The IAM action it needs: the signing name and the operation (the test checks both on the wire). */
  action: string;
  resource: string;
}

export const PREFLIGHT_CALLS: readonly PreflightCall[] = [
  {
    client: 'LambdaClient',
    command: 'GetAccountSettingsCommand',
    action: 'lambda:GetAccountSettings',
    // The action supports no resource-level permission.
    resource: '`*`',
  },
  {
    client: 'SSMClient',
    command: 'GetParametersCommand',
    action: 'ssm:GetParameters',
    resource: "the bootstrap version parameter and each channel secret's parameter (not decrypted)",
  },
];

/** "lambda:GetAccountSettings, ssm:GetParameters". */
export const PREFLIGHT_ACTIONS = [...new Set(PREFLIGHT_CALLS.map((c) => c.action))].join(', ');

export type DeployerRolePurpose = 'deploy' | 'lookup' | 'file-publishing' | 'image-publishing';

export interface DeployerRole {
  purpose: DeployerRolePurpose;
  /** As the assembly names it, e.g. arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-deploy-role-${AWS::AccountId}-${AWS::Region}. */
  arn: string;
}

const WHAT_FOR: Record<DeployerRolePurpose, string> = {
  deploy: 'creates and updates the stacks; CloudFormation then runs as the execution role',
  'file-publishing': "uploads the functions' bundles to the bootstrap bucket",
  'image-publishing': 'pushes container images to the bootstrap repository',
  lookup: 'reads the deployed templates, for `cdk diff`',
};

/** `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/...-${AWS::Region}` -> `arn:aws:iam::<account>:role/...-<region>`. */
export function readableArn(arn: string): string {
  return arn
    .replaceAll('${AWS::Partition}', 'aws')
    .replaceAll('${AWS::AccountId}', '<account>')
    .replaceAll('${AWS::Region}', '<region>');
}

/**
 * docs/deploy.md's rights table (a docs test holds the page to it): the rows that come from the
 * assembly and from PREFLIGHT_CALLS, then the two that are not derived (the bootstrap, run once
 * by an administrator, and the page's own manual steps).
 */
export function deployerRightsTable(roles: readonly DeployerRole[]): string {
  const order: DeployerRolePurpose[] = ['deploy', 'file-publishing', 'image-publishing', 'lookup'];
  const byPurpose = order.flatMap((purpose) =>
    [...new Set(roles.filter((r) => r.purpose === purpose).map((r) => readableArn(r.arn)))].map((arn) => ({
      purpose,
      arn,
    })),
  );
  return [
    '| for | actions | resources |',
    '|---|---|---|',
    ...byPurpose.map(
      ({ purpose, arn }) =>
        `| \`cdk deploy\`: the ${purpose} role (${WHAT_FOR[purpose]}) | \`sts:AssumeRole\` | \`${arn}\` |`,
    ),
    ...PREFLIGHT_CALLS.map((c) => `| \`npm run preflight\` | \`${c.action}\` | ${c.resource} |`),
    '| `cdk bootstrap` (once per account and region) | CloudFormation, IAM, S3, ECR and SSM rights to create the bootstrap stack: an administrator runs it | |',
    "| the steps of this page (`aws sns publish`, `aws logs tail`, `aws sqs receive-message`, `aws ssm put-parameter`) | as each command names | the stack's outputs |",
  ].join('\n');
}
