/**
 * The one place that formats a benchmark figure. Tools read these lines, so the format is a
 * contract: `BENCH <name> <value> <unit> target <= <value>` (or `>=`).
 */
export type Comparison = '<=' | '>=';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  comparison: Comparison;
  target: number;
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 3 : 4;
  return value.toFixed(digits);
}

export function formatBench(figure: BenchFigure): string {
  return `BENCH ${figure.name} ${formatNumber(figure.value)} ${figure.unit} target ${figure.comparison} ${formatNumber(figure.target)}`;
}

export function meetsTarget(figure: BenchFigure): boolean {
  return figure.comparison === '<=' ? figure.value <= figure.target : figure.value >= figure.target;
}

/** Prints the BENCH line (and a note on stderr when the target is missed; the run still completes). */
export function reportBench(figure: BenchFigure): void {
  console.log(formatBench(figure));
  if (!meetsTarget(figure)) console.error(`  missed target: ${figure.name}`);
}

/** Median of a non-empty sample. */
export function median(sample: readonly number[]): number {
  if (sample.length === 0) throw new RangeError('median of an empty sample');
  const sorted = [...sample].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
