/**
 * Reading SecureString parameters from Parameter Store, granted once for any function that does
 * (the notifier's chat secrets, the power function's market credentials): ssm:GetParameter on
 * exactly the named parameters, and kms:Decrypt of the AWS managed key aws/ssm only through SSM and
 * only for those parameters, with the cdk-nag acknowledgement that wildcard key needs.
 */
import { ArnFormat, Token, Validations, type CfnElement, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>. */
export function parameterArn(stack: Stack, parameterName: string): string {
  return stack.formatArn({
    service: 'ssm',
    resource: 'parameter',
    resourceName: parameterName.replace(/^\//, ''),
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/** How the acknowledgement's reason names the reader and its parameters. */
export interface SecureParameterReader {
  /** "The notifier" */
  reader: string;
  /** "its SecureString parameters" */
  parameters: string;
  /** Whose parameters exactly: "the configured parameters". */
  exactly: string;
}

/** Grants `role` the reads of `parameterNames` (nothing when there are none). */
export function grantSecureParameterReads(
  stack: Stack,
  role: iam.Role,
  parameterNames: readonly string[],
  who: SecureParameterReader,
): void {
  const parameterArns = parameterNames.map((name) => parameterArn(stack, name));
  if (parameterArns.length === 0) return;
  role.addToPolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: parameterArns }));
  // SecureStrings under the AWS managed key aws/ssm (whose id is not known at synth time):
  // decrypt only through SSM and only for these parameters (Parameter Store's encryption context).
  const anyKeyOfThisAccount = stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' });
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [anyKeyOfThisAccount],
      conditions: {
        StringEquals: {
          'kms:ViaService': `ssm.${stack.region}.amazonaws.com`,
          'kms:EncryptionContext:PARAMETER_ARN': parameterArns,
        },
      },
    }),
  );
  const roleLogicalId = stack.getLogicalId(role.node.defaultChild as CfnElement);
  // cdk-nag names the resource as rendered: pseudo parameters as <AWS::Region>, literals as they are.
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  // With a known region the partition is rendered literally (the recommended feature flags).
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:${partition}:kms:${region}:${account}:key/*]`,
    reason: `${who.reader} (${roleLogicalId}) decrypts ${who.parameters} with the AWS managed key aws/ssm, whose key id is unknown at synth time; kms:ViaService limits it to SSM and kms:EncryptionContext:PARAMETER_ARN to exactly ${who.exactly}.`,
  });
}
