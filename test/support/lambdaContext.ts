/** The Lambda context fixture for tests: the one in local/devtools (the local run uses it too). */
export { lambdaContext } from '../../local/devtools/lambdaContext';
