/**
 * Validation of the bundled data files (machine catalog, fleet mix, power prices, public miners).
 * Every data file carries a version, an as-of date and a source + date for every figure; a file
 * that breaks its schema must fail loudly at load time, naming the file, the row and the field,
 * so that a bad edit is caught by the first test run instead of skewing a fleet estimate silently.
 */
import * as z from '../schema/z';

/** An ISO calendar date (YYYY-MM-DD): when a figure was published or read. */
export const isoDateSchema = z.iso.date();

/** Where a figure comes from and when that source published it. */
export const sourcedSchema = z.object({
  source: z.string().check(z.trim(), z.minLength(1, 'source must name where the figure comes from')),
  sourceDate: isoDateSchema,
});

/** Fields every data file carries at its top level. */
export const dataFileHeaderSchema = z.object({
  version: z.string().check(z.trim(), z.minLength(1)),
  asOf: isoDateSchema,
});

export class DataFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly issues: readonly string[],
  ) {
    super(`${fileName} is invalid:\n  ${issues.join('\n  ')}`);
    this.name = 'DataFileError';
  }
}

/**
 * Renders a zod issue path as `machines[12] (Antminer S19 XP).powerWatts`: the row index and,
 * when the row has one, its human label, so the person fixing the file finds the line at once.
 */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = raw;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const label = rowLabel(node);
      if (label) out += ` (${label})`;
    } else {
      out += out === '' ? String(key) : `.${String(key)}`;
      node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return out === '' ? '(root)' : out;
}

function rowLabel(row: unknown): string | undefined {
  if (row === null || typeof row !== 'object') return undefined;
  const r = row as Record<string, unknown>;
  for (const key of ['model', 'ticker', 'id', 'label']) {
    if (typeof r[key] === 'string' && r[key] !== '') return r[key];
  }
  return undefined;
}

/** Parses `raw` with `schema`, throwing a DataFileError that names file, row and field. */
export function parseDataFile<S extends z.core.$ZodType>(schema: S, raw: unknown, fileName: string): z.output<S> {
  const result = z.safeParse(schema, raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`);
  throw new DataFileError(fileName, issues);
}

/**
 * One data file's two entry points: `parse` validates any document of that file (throws
 * DataFileError naming the file, row and field), `load` the copy bundled with the code, validated
 * once and reused.
 */
export function dataFileReader<S extends z.core.$ZodType>(
  schema: S | (() => S),
  defaultFileName: string,
  bundledJson: unknown,
): { parse: (raw: unknown, fileName?: string) => z.output<S>; load: () => z.output<S> } {
  // A schema given as a function is built on first use: a function whose requests mostly never
  // read the file (the calculator's fleet history, read by projections only) does not pay for it
  // on every cold start.
  let built: S | undefined = typeof schema === 'function' ? undefined : schema;
  const schemaOf = (): S => (built ??= (schema as () => S)());
  const parse = (raw: unknown, fileName: string = defaultFileName): z.output<S> =>
    parseDataFile(schemaOf(), raw, fileName);
  let bundled: z.output<S> | undefined;
  const load = (): z.output<S> => (bundled ??= parse(bundledJson));
  return { parse, load };
}
