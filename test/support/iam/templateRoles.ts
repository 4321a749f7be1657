/**
 * The roles of a synthesized template: which function runs with which role, and the identity
 * statements the role carries (its inline policies and the AWS::IAM::Policy resources attached to
 * it). Functions are found in the template by their POWERTOOLS_SERVICE_NAME, so a new function is
 * covered as soon as it is wired.
 */
import type { PolicyStatement } from './policyEvaluator';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

/** Whether `value` is a `Ref` or `Fn::GetAtt` of `logicalId`. */
export const refersTo = (value: unknown, logicalId: string): boolean => {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (v.Ref === logicalId) return true;
  const getAtt = v['Fn::GetAtt'];
  return Array.isArray(getAtt) && getAtt[0] === logicalId;
};

/** The identity policy statements of a role: its inline policies and the AWS::IAM::Policy resources attached. */
export function roleStatements(template: CfnTemplate, roleLogicalId: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const resource of Object.values(template.Resources)) {
    const p = resource.Properties ?? {};
    if (resource.Type === 'AWS::IAM::Policy' && (p.Roles as unknown[]).some((r) => refersTo(r, roleLogicalId))) {
      statements.push(...(p.PolicyDocument as { Statement: PolicyStatement[] }).Statement);
    }
  }
  const role = template.Resources[roleLogicalId];
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`${roleLogicalId} is not a role of this template`);
  for (const policy of (role.Properties?.Policies as Array<{ PolicyDocument: { Statement: PolicyStatement[] } }>) ??
    []) {
    statements.push(...policy.PolicyDocument.Statement);
  }
  if ((role.Properties?.ManagedPolicyArns as unknown[] | undefined)?.length) {
    throw new Error(`${roleLogicalId} has managed policies; this evaluator only reads the template's own statements`);
  }
  return statements;
}

export interface FunctionRole {
  /** POWERTOOLS_SERVICE_NAME: ingest, compute, calculator, api, notifier, power. */
  service: string;
  functionLogicalId: string;
  roleLogicalId: string;
  environment: Record<string, unknown>;
}

/** Every Lambda function of a template with the role it runs with. */
export function functionRoles(template: CfnTemplate): FunctionRole[] {
  const found: FunctionRole[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const p = resource.Properties ?? {};
    const roleLogicalId = (p.Role as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
    if (!roleLogicalId) throw new Error(`${logicalId}: its role is not a role of this template`);
    const environment = (p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    found.push({
      service: String(environment.POWERTOOLS_SERVICE_NAME ?? logicalId),
      functionLogicalId: logicalId,
      roleLogicalId,
      environment,
    });
  }
  return found;
}
