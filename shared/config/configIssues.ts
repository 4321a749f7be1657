/**
 * Turns a zod error on a configuration into lines a user can act on: each names the field by its
 * path (`fleets.0.powerPriceUsdPerKwh`), an unknown field is reported with the nearest valid name
 * when one is close (`signals.hashprice-flor: unknown field; did you mean "hashprice-floor"?`), and
 * a union (a fleet line is a catalog model or a custom machine) reports the branch the value was
 * closest to instead of zod's bare "Invalid input".
 */
import type * as z from '../schema/z';
import { editDistance } from '../domain/machineLookup';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** A typo is at most this many edits away (or the same letters in another case). */
const MAX_SUGGESTION_DISTANCE = 3;

/** The keys an object schema at `path` accepts, walking through defaults, optionals, arrays and unions. */
function knownKeysAt(schema: z.core.$ZodType, path: Path): string[] {
  const def = schema._zod.def as unknown as {
    type: string;
    shape?: Record<string, z.core.$ZodType>;
    innerType?: z.core.$ZodType;
    in?: z.core.$ZodType;
    element?: z.core.$ZodType;
    options?: z.core.$ZodType[];
    valueType?: z.core.$ZodType;
  };
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'catch':
    case 'readonly':
      return knownKeysAt(def.innerType!, path);
    case 'pipe':
      return knownKeysAt(def.in!, path);
    case 'union':
      return [...new Set(def.options!.flatMap((o) => knownKeysAt(o, path)))];
    case 'array':
      return path.length === 0 ? [] : knownKeysAt(def.element!, path.slice(1));
    case 'record':
      return path.length === 0 ? [] : knownKeysAt(def.valueType!, path.slice(1));
    case 'object': {
      const shape = def.shape!;
      if (path.length === 0) return Object.keys(shape);
      const next = shape[String(path[0])];
      return next ? knownKeysAt(next, path.slice(1)) : [];
    }
    default:
      return [];
  }
}

export function nearestKey(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  if (!best) return undefined;
  // A short key that is a prefix of a known one ("floor" for "floorUsdPerPhDay", "fleet" for
  // "fleets", "poolFee" for "poolFeePct") is a near miss too, however many letters it lacks.
  const prefixOf = known.find((k) => key.length >= 3 && k.toLowerCase().startsWith(key.toLowerCase()));
  if (prefixOf) return prefixOf;
  return best.distance <= Math.min(MAX_SUGGESTION_DISTANCE, Math.ceil(key.length / 3)) ? best.key : undefined;
}

export interface ConfigIssue {
  path: PropertyKey[];
  message: string;
}

export const configPathText = (path: Path): string => (path.length > 0 ? path.map(String).join('.') : '(root)');

function issuesOf(schema: z.core.$ZodType, issue: Issue, prefix: Path): ConfigIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, path);
    return issue.keys.map((key) => {
      const near = nearestKey(key, known);
      const hint = near ? `; did you mean "${near}"?` : known.length > 0 ? `; known fields: ${known.join(', ')}` : '';
      return { path: [...path, key], message: `unknown field${hint}` };
    });
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // The branch with the fewest complaints is the one the user meant.
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
    return closest.flatMap((inner) => issuesOf(schema, inner, path));
  }
  return [{ path, message: issue.message }];
}

/** Every problem with the field's full path. */
export function configIssues(schema: z.core.$ZodType, error: z.core.$ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue) => issuesOf(schema, issue, []));
}

/** One line per problem, each starting with the field's path. */
export function describeConfigIssues(schema: z.core.$ZodType, error: z.core.$ZodError): string[] {
  return configIssues(schema, error).map((i) => `${configPathText(i.path)}: ${i.message}`);
}
