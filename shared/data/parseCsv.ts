/**
 * A small CSV reader for the bundled history files (one home for both loaders).
 * It handles what those files contain: a header line, comma-separated fields, LF or CRLF line
 * ends, and (for safety) double-quoted fields with "" escapes on a single line. Multi-line quoted
 * fields are not supported: the bundled files have none, and a row split across lines is rejected
 * by the callers' per-row validation rather than silently misread.
 */

export interface CsvRow {
  /** 1-based line number in the file (the header is line 1), for error messages. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

function splitQuotedLine(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else inQuotes = false;
      } else field += char;
    } else if (char === '"') inQuotes = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** Split one line into fields; the fast path (no quotes) is a plain split. */
export function splitCsvLine(text: string): string[] {
  return text.includes('"') ? splitQuotedLine(text) : text.split(',');
}

/**
 * Parse CSV text into its header and rows. Blank lines are skipped; a row whose field count
 * differs from the header's throws, naming `sourceName` and the line.
 */
export function parseCsv(text: string, sourceName: string): CsvTable {
  const lines = text.split('\n');
  let headerLine: string | undefined;
  let headerIndex = 0;
  for (; headerIndex < lines.length; headerIndex += 1) {
    const candidate = (lines[headerIndex] ?? '').replace(/\r$/, '');
    if (candidate.trim() !== '') {
      headerLine = candidate;
      break;
    }
  }
  if (headerLine === undefined) throw new Error(`${sourceName}: empty CSV (no header line)`);
  const header = splitCsvLine(headerLine).map((name) => name.trim());
  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < lines.length; i += 1) {
    const raw = lines[i] ?? '';
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (content.trim() === '') continue;
    const fields = splitCsvLine(content);
    if (fields.length !== header.length) {
      throw new Error(`${sourceName} line ${i + 1}: expected ${header.length} fields, found ${fields.length}`);
    }
    rows.push({ line: i + 1, fields });
  }
  return { header, rows };
}

/** Index of each required column in `header`; throws naming the missing columns. */
export function columnIndex<const Names extends readonly string[]>(
  header: readonly string[],
  names: Names,
  sourceName: string,
): Record<Names[number], number> {
  const index = {} as Record<Names[number], number>;
  const missing: string[] = [];
  for (const name of names) {
    const at = header.indexOf(name);
    if (at < 0) missing.push(name);
    else index[name as Names[number]] = at;
  }
  if (missing.length > 0) throw new Error(`${sourceName}: missing column(s) ${missing.join(', ')}`);
  return index;
}

/**
 * A numeric cell: empty -> undefined; anything else through Number(), so text that is not a
 * number becomes NaN and is rejected (with its field named) by the caller's zod schema.
 */
export function numberCell(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/** A text cell: empty -> undefined. */
export function textCell(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The part of a zod issue the row error needs (kept structural so this file needs no zod import). */
export interface RowIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * "<file> row <n> (line <l>), field <column>: <message>" — the one format both loaders throw, so a
 * bad row in any bundled file is found without a debugger. `columnOf` maps a schema field back to
 * the CSV column it was read from.
 */
export function csvRowError(
  sourceName: string,
  row: CsvRow,
  rowNumber: number,
  issue: RowIssue,
  columnOf: Readonly<Record<string, string>>,
): Error {
  const field = String(issue.path[0] ?? '(row)');
  const column = columnOf[field];
  const named = column !== undefined && column !== field ? `${column} (${field})` : field;
  return new Error(`${sourceName} row ${rowNumber} (line ${row.line}), field ${named}: ${issue.message}`);
}
