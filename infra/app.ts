/**
 * The CDK entry point (cdk.json: `npx tsx infra/app.ts`). Reads the validated config, builds the
 * stacks and runs the cdk-nag AwsSolutions and Serverless checks on every synth, then prints their
 * summary (open findings, each acknowledgement with its reason: infra/nagChecks.ts).
 */
import { App } from 'aws-cdk-lib';
import { buildHashwatchApp } from './buildApp';
import { HashwatchConfigError } from './config/hashwatchConfig';
import { loadHashwatchConfig } from './config/loadConfig';
import { addNagChecks, nagSummary, runNag } from './nagChecks';
import { validateBundledData } from '../shared/data/validateBundledData';

const app = new App();
// The functions use the bundled data files without re-validating them at cold start
// (shared/data/bundledData.ts): a file that fails its schema must stop the synth instead.
validateBundledData();
try {
  const { config, origin } = loadHashwatchConfig({
    tryGetContext: (key) => app.node.tryGetContext(key),
    cwd: process.cwd(),
  });
  if (process.env.HASHWATCH_QUIET !== '1') console.error(`Hashwatch config: ${origin}`);
  buildHashwatchApp(app, config);
} catch (error) {
  // A config mistake is the user's to fix: show the message, not a stack trace.
  if (error instanceof HashwatchConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
addNagChecks(app);
// Counted before the synth (the acknowledgements are in the tree by now), printed after it: a
// synth that an open finding fails prints CDK's validation report instead.
const nag = runNag(app);
app.synth();
console.error(nagSummary(nag));
