/** For tests of a parser's refusals: the error of class `ErrorClass` that `fn` throws, to assert on. */
export function thrownError<E extends Error>(fn: () => unknown, ErrorClass: new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof ErrorClass) return error;
    // Another error is not the refusal the test expects: let it fail the test as it is.
    throw error;
  }
  throw new Error(`expected a ${ErrorClass.name}, but nothing was thrown`);
}
