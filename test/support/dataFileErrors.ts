/** For the data files' tests: the message of the DataFileError a parse throws, to assert on. */
import { DataFileError } from '../../shared/data/dataFile';

/** The DataFileError message `fn` throws; any other error is rethrown, and no error fails the test. */
export function dataFileErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataFileError) return error.message;
    throw error;
  }
  throw new Error('expected a DataFileError');
}
