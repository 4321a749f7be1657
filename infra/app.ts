/**
 * The CDK entry point (cdk.json: `npx tsx infra/app.ts`). Reads the validated config, builds the
 * stacks and runs the cdk-nag AwsSolutions and Serverless checks on every synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildHashwatchApp } from './buildApp';
import { HashwatchConfigError } from './config/hashwatchConfig';
import { loadHashwatchConfig } from './config/loadConfig';
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
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
