/** For the data files' tests: the message of the DataFileError a parse throws, to assert on. */
import { DataFileError } from '../../shared/data/dataFile';
import { thrownError } from './thrownError';

/** The DataFileError message `fn` throws; any other error is rethrown, and no error fails the test. */
export function dataFileErrorOf(fn: () => unknown): string {
  return thrownError(fn, DataFileError).message;
}
