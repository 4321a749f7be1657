/**
 * IAM's evaluation of identity-based statements, as far as the Hashwatch roles use it: an explicit
 * Deny wins, else an Allow must cover the request, else it is denied ("no identity-based policy
 * allows"). A statement covers a request when one of its actions (or not one of its NotActions)
 * matches the action, one of its resources (or not one of its NotResources) matches the resource,
 * and every condition holds on the request's context keys. Wildcards follow IAM: `*` any run of
 * characters, `?` one; actions compare case-insensitively, resources case-sensitively.
 *
 * Conditions: the String*, Arn* and Bool operators, with IAM's `...IfExists` suffix and the
 * `ForAnyValue:`/`ForAllValues:` set qualifiers. Keys compare case-insensitively; several values of
 * one key are ORed, several keys and operators ANDed; a missing key fails a positive operator and
 * satisfies a negated one (as IAM does). An operator this evaluator does not know throws, naming it:
 * a policy it cannot judge must not be judged "allowed".
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

export type ConditionBlock = Record<string, Record<string, string[]>>;

/** A statement with every reference resolved to concrete ARNs (see standIns.ts). */
export interface ResolvedStatement {
  effect: 'Allow' | 'Deny';
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  conditions?: ConditionBlock;
}

/** What one request needs: an action on a resource, with the request's condition keys. */
export interface Authorization {
  action: string;
  resource: string;
  /** Condition keys IAM sees for this request (`kms:ViaService`, `kms:EncryptionContext:PARAMETER_ARN`...). */
  context?: Record<string, string | string[]>;
}

export type Decision =
  | { allowed: true; statement: ResolvedStatement }
  | { allowed: false; reason: 'explicit-deny'; statement: ResolvedStatement }
  | { allowed: false; reason: 'no-allow' };

const asList = (value: unknown): string[] => {
  const list = [value].flat();
  for (const v of list)
    if (typeof v !== 'string') throw new Error(`not a string after resolution: ${JSON.stringify(v)}`);
  return list as string[];
};

/** A template statement, its references resolved by `resolve` (Ref, Fn::GetAtt, Fn::Join, Fn::Sub...). */
export function resolveStatement(statement: PolicyStatement, resolve: (value: unknown) => unknown): ResolvedStatement {
  const resolved: ResolvedStatement = { effect: statement.Effect };
  if (statement.Action !== undefined) resolved.actions = asList(statement.Action);
  if (statement.NotAction !== undefined) resolved.notActions = asList(statement.NotAction);
  if (statement.Resource !== undefined) resolved.resources = asList(resolve(statement.Resource));
  if (statement.NotResource !== undefined) resolved.notResources = asList(resolve(statement.NotResource));
  if (statement.Condition !== undefined) {
    const block = resolve(statement.Condition) as Record<string, Record<string, unknown>>;
    resolved.conditions = Object.fromEntries(
      Object.entries(block).map(([operator, keys]) => [
        operator,
        Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, asList(values).map(String)])),
      ]),
    );
  }
  if (resolved.actions === undefined && resolved.notActions === undefined)
    throw new Error(`a statement without Action or NotAction: ${JSON.stringify(statement)}`);
  if (resolved.resources === undefined && resolved.notResources === undefined)
    throw new Error(`a statement without Resource or NotResource: ${JSON.stringify(statement)}`);
  return resolved;
}

/** IAM's glob: `*` any run of characters, `?` one. */
export function iamMatches(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value);
}

type ValueTest = (pattern: string, value: string) => boolean;
const VALUE_TESTS: Record<string, { test: ValueTest; negated: boolean }> = {
  StringEquals: { test: (p, v) => p === v, negated: false },
  StringNotEquals: { test: (p, v) => p === v, negated: true },
  StringEqualsIgnoreCase: { test: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { test: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: true },
  StringLike: { test: (p, v) => iamMatches(p, v), negated: false },
  StringNotLike: { test: (p, v) => iamMatches(p, v), negated: true },
  ArnEquals: { test: (p, v) => p === v, negated: false },
  ArnNotEquals: { test: (p, v) => p === v, negated: true },
  ArnLike: { test: (p, v) => iamMatches(p, v), negated: false },
  ArnNotLike: { test: (p, v) => iamMatches(p, v), negated: true },
  Bool: { test: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: false },
};

function contextValues(context: Authorization['context'], key: string): string[] | undefined {
  const found = Object.entries(context ?? {}).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : [found[1]].flat();
}

function conditionHolds(
  operatorName: string,
  key: string,
  patterns: string[],
  context: Authorization['context'],
): boolean {
  const qualifier = /^(ForAnyValue|ForAllValues):/.exec(operatorName)?.[1];
  const withoutQualifier = operatorName.replace(/^(ForAnyValue|ForAllValues):/, '');
  const ifExists = withoutQualifier.endsWith('IfExists');
  const operator = ifExists ? withoutQualifier.slice(0, -'IfExists'.length) : withoutQualifier;
  const valueTest = VALUE_TESTS[operator];
  if (!valueTest)
    throw new Error(`the condition operator ${operatorName} is not evaluated here: add it to VALUE_TESTS`);
  const values = contextValues(context, key);
  if (values === undefined || values.length === 0) {
    if (ifExists || qualifier === 'ForAllValues') return true;
    return valueTest.negated;
  }
  const matchesOne = (value: string) => patterns.some((p) => valueTest.test(p, value));
  const holdsFor = (value: string) => (valueTest.negated ? !matchesOne(value) : matchesOne(value));
  if (qualifier === 'ForAllValues') return values.every(holdsFor);
  if (qualifier === 'ForAnyValue') return values.some(holdsFor);
  if (values.length > 1) throw new Error(`${key} has several values: a ForAnyValue/ForAllValues qualifier is needed`);
  return holdsFor(values[0]!);
}

const conditionsHold = (conditions: ConditionBlock | undefined, context: Authorization['context']): boolean =>
  Object.entries(conditions ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, patterns]) => conditionHolds(operator, key, patterns, context)),
  );

function actionCovered(s: ResolvedStatement, action: string): boolean {
  if (s.actions) return s.actions.some((a) => iamMatches(a, action, true));
  return !s.notActions!.some((a) => iamMatches(a, action, true));
}

function resourceCovered(s: ResolvedStatement, resource: string): boolean {
  if (s.resources) return s.resources.some((r) => iamMatches(r, resource));
  return !s.notResources!.some((r) => iamMatches(r, resource));
}

export const statementCovers = (s: ResolvedStatement, request: Authorization): boolean =>
  actionCovered(s, request.action) &&
  resourceCovered(s, request.resource) &&
  conditionsHold(s.conditions, request.context);

/** IAM's decision for one request under one principal's identity-based statements. */
export function evaluate(statements: readonly ResolvedStatement[], request: Authorization): Decision {
  const deny = statements.find((s) => s.effect === 'Deny' && statementCovers(s, request));
  if (deny) return { allowed: false, reason: 'explicit-deny', statement: deny };
  const allow = statements.find((s) => s.effect === 'Allow' && statementCovers(s, request));
  return allow ? { allowed: true, statement: allow } : { allowed: false, reason: 'no-allow' };
}

/** Requests the statements do not allow. */
export const deniedRequests = <T extends Authorization>(statements: readonly ResolvedStatement[], requests: T[]): T[] =>
  requests.filter((r) => !evaluate(statements, r).allowed);

/**
 * Granted actions (with the resources they are granted on) that no request used and no reason
 * explains: the "least privilege" half of the check, after a run.
 */
export function unusedGrants(
  statements: readonly ResolvedStatement[],
  requests: readonly Authorization[],
  reasons: Readonly<Record<string, string>>,
): Array<{ action: string; resources: string[] }> {
  const unused: Array<{ action: string; resources: string[] }> = [];
  for (const s of statements.filter((st) => st.effect === 'Allow')) {
    for (const action of s.actions ?? []) {
      const used = requests.some((r) => iamMatches(action, r.action, true) && statementCovers(s, r));
      if (!used && reasons[action] === undefined) unused.push({ action, resources: s.resources ?? [] });
    }
  }
  return unused;
}

/** The distinct actions of a set of statements, sorted (for the report). */
export const grantedActions = (statements: readonly ResolvedStatement[]): string[] =>
  [...new Set(statements.filter((s) => s.effect === 'Allow').flatMap((s) => s.actions ?? []))].sort();
