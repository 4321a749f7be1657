/**
 * The calculator, shared by the Lambda handler and the CLI: the use case (calculation.ts) with the
 * bundled daily history (shared/data/projectionContext.ts, built on first use) for the scenarios
 * that project. It never throws: every outcome is a response or a CalculatorError.
 */
import { bundledProjectionContext } from '../data/projectionContext';
import { calculateWith, tooLarge, type CalculatorDeps, type CalculatorResult } from './calculation';
import { CalculatorErrorCode, calculatorError } from './errors';
import { MAX_REQUEST_BYTES } from './request';

export type { CalculatorDeps, CalculatorResult, LatestSnapshotReader } from './calculation';

/** A request given as JSON text (Function URL body, CLI file or stdin). */
export async function calculateFromText(text: string, deps: CalculatorDeps): Promise<CalculatorResult> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_REQUEST_BYTES) return tooLarge(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return calculatorError(CalculatorErrorCode.InvalidRequest, 'The request is not valid JSON.', [
      { field: '', problem: `is not valid JSON: ${reason}` },
    ]);
  }
  return calculate(value, deps);
}

/** A request already parsed (a direct invoke's event). */
export function calculate(raw: unknown, deps: CalculatorDeps): Promise<CalculatorResult> {
  return calculateWith(raw, deps, bundledProjectionContext);
}
