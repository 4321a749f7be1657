/**
 * Checks recorded calls against a role's identity statements (resolved to the stand-ins), both
 * ways: a call no Allow covers (or a Deny covers), and a granted action no call used. IAM's
 * wildcards (`*`, `?`) are honoured in actions and resources; conditions are not evaluated, so a
 * statement with one is reported rather than trusted.
 */
import type { RecordedCall } from './awsRecorder';
import type { PolicyStatement } from './cloudAssembly';

export interface ResolvedStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
}

export function resolveStatements(
  statements: PolicyStatement[],
  resolve: (value: unknown) => unknown,
): ResolvedStatement[] {
  return statements.map((s) => {
    if (s.Condition !== undefined) throw new Error(`a statement with a condition: ${JSON.stringify(s)}`);
    return {
      effect: s.Effect,
      actions: [s.Action].flat(),
      resources: [resolve(s.Resource)].flat() as string[],
    };
  });
}

/** IAM's glob: `*` any run of characters, `?` one; actions compare case-insensitively. */
export function iamMatches(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '').test(value);
}

const covers = (s: ResolvedStatement, call: { action: string; resource: string }): boolean =>
  s.actions.some((a) => iamMatches(a, call.action, true)) && s.resources.some((r) => iamMatches(r, call.resource));

export function isAllowed(statements: ResolvedStatement[], call: { action: string; resource: string }): boolean {
  if (statements.some((s) => s.effect === 'Deny' && covers(s, call))) return false;
  return statements.some((s) => s.effect === 'Allow' && covers(s, call));
}

/** Calls the statements do not allow. */
export function deniedCalls(statements: ResolvedStatement[], calls: RecordedCall[]): RecordedCall[] {
  return calls.filter((call) => !isAllowed(statements, call));
}

/** Granted actions (with the resources they are granted on) that no call used and no reason explains. */
export function unusedGrants(
  statements: ResolvedStatement[],
  calls: RecordedCall[],
  reasons: Readonly<Record<string, string>>,
): Array<{ action: string; resources: string[] }> {
  const unused: Array<{ action: string; resources: string[] }> = [];
  for (const s of statements.filter((st) => st.effect === 'Allow')) {
    for (const action of s.actions) {
      const used = calls.some(
        (call) => iamMatches(action, call.action, true) && s.resources.some((r) => iamMatches(r, call.resource)),
      );
      if (!used && reasons[action] === undefined) unused.push({ action, resources: s.resources });
    }
  }
  return unused;
}

/** The distinct actions of a set of statements, sorted (for the report). */
export const grantedActions = (statements: ResolvedStatement[]): string[] =>
  [...new Set(statements.filter((s) => s.effect === 'Allow').flatMap((s) => s.actions))].sort();
