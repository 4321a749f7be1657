/**
 * Call at file scope in a test file (the shared harnesses do): after each test, every role made in
 * the file is checked for refusals the test did not expect. A refusal the code under test
 * swallowed still fails the test here.
 */
import { afterEach } from 'vitest';
import { assertNoUnexpectedDenials } from './iamRole';

export function useIamEnforcement(): void {
  afterEach(() => assertNoUnexpectedDenials());
}
