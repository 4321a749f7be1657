/**
 * Resolves the template's references (Ref, Fn::GetAtt, Fn::ImportValue, Fn::Join, Fn::Sub and the
 * pseudo parameters) to local stand-ins: the table to a DynamoDB Local table, the topics to ARNs the
 * SNS stand-in answers for, anything else to a name that says what it stands for. A reference to a
 * resource type this module does not know how to stand in for fails, naming it, so that a new kind
 * of resource a function uses cannot pass unnoticed.
 */
import type { CfnTemplate } from './templateRoles';

/** What the resolver reads of a synthesized app: each stack's name and template. */
export interface StackTemplate {
  stackName: string;
  template: CfnTemplate;
}

export const STAND_IN_ACCOUNT = '123456789012';
export const STAND_IN_REGION = 'us-east-1';

export interface LocalTableStandIn {
  tableName: string;
  streamArn: string;
}

export interface StandIns {
  /** Every AWS::DynamoDB::GlobalTable / Table of the app stands for this one local table. */
  table: LocalTableStandIn;
  /** The ARN a test's SNS stand-in answers for, per topic logical id (default: standInTopicArn). */
  topicArns?: Readonly<Record<string, string>>;
}

export const standInTableArn = (tableName: string): string =>
  `arn:aws:dynamodb:${STAND_IN_REGION}:${STAND_IN_ACCOUNT}:table/${tableName}`;
export const standInTopicArn = (logicalId: string): string =>
  `arn:aws:sns:${STAND_IN_REGION}:${STAND_IN_ACCOUNT}:${logicalId}`;

export class TemplateResolver {
  constructor(
    private readonly assembly: { stacks: readonly StackTemplate[] },
    private readonly standIns: StandIns,
  ) {}

  /** `value` (from `stack`'s template) with every reference replaced by its stand-in. */
  resolve(value: unknown, stack: StackTemplate): unknown {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, stack));
    if (value === null || typeof value !== 'object') return value;
    const v = value as Record<string, unknown>;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [key] = keys as [string];
      const arg = v[key];
      if (key === 'Ref') return this.ref(arg as string, 'Ref', stack);
      if (key === 'Fn::GetAtt') {
        const [id, attribute] = arg as [string, string];
        return this.ref(id, attribute, stack);
      }
      if (key === 'Fn::ImportValue') return this.importValue(this.resolveString(arg, stack));
      if (key === 'Fn::Join') {
        const [separator, parts] = arg as [string, unknown[]];
        return parts.map((p) => this.resolveString(p, stack)).join(separator);
      }
      if (key === 'Fn::Sub') {
        const template = typeof arg === 'string' ? arg : (arg as [string])[0];
        return template.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
          const [id, attribute] = name.split('.') as [string, string | undefined];
          return String(this.ref(id, attribute ?? 'Ref', stack));
        });
      }
      if (key.startsWith('Fn::')) throw new Error(`no stand-in for the intrinsic ${key}: ${JSON.stringify(value)}`);
    }
    return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, this.resolve(inner, stack)]));
  }

  resolveString(value: unknown, stack: StackTemplate): string {
    const resolved = this.resolve(value, stack);
    if (typeof resolved !== 'string') throw new Error(`expected a string, got ${JSON.stringify(resolved)}`);
    return resolved;
  }

  private importValue(exportName: string): unknown {
    for (const stack of this.assembly.stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export && this.resolve(output.Export.Name, stack) === exportName) {
          return this.resolve(output.Value, stack);
        }
      }
    }
    throw new Error(`no stack exports ${exportName}`);
  }

  private ref(logicalId: string, attribute: string, stack: StackTemplate): unknown {
    switch (logicalId) {
      case 'AWS::AccountId':
        return STAND_IN_ACCOUNT;
      case 'AWS::Region':
        return STAND_IN_REGION;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stack.stackName;
    }
    const resource = stack.template.Resources[logicalId];
    if (!resource) throw new Error(`${stack.stackName} has no resource ${logicalId}`);
    const { table } = this.standIns;
    switch (resource.Type) {
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::DynamoDB::Table':
        if (attribute === 'Ref') return table.tableName;
        if (attribute === 'Arn') return standInTableArn(table.tableName);
        if (attribute === 'StreamArn') return table.streamArn;
        break;
      case 'AWS::SNS::Topic':
        if (attribute === 'Ref' || attribute === 'TopicArn')
          return this.standIns.topicArns?.[logicalId] ?? standInTopicArn(logicalId);
        break;
      default:
        // Resources no function call reaches (its own log group, queues, keys): a name that says
        // what it stands for, in an ARN's shape, so that a statement on it never matches a call.
        return `arn:aws:standin:${STAND_IN_REGION}:${STAND_IN_ACCOUNT}:${resource.Type}/${stack.stackName}/${logicalId}.${attribute}`;
    }
    throw new Error(`no stand-in for ${attribute} of ${resource.Type} ${logicalId}`);
  }
}
