/**
 * The CDK entry point (cdk.json: `npx tsx infra/app.ts`). Reads the validated config, builds the
 * stacks and runs the cdk-nag AwsSolutions checks on every synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildHashwatchApp } from './buildApp';
import { loadHashwatchConfig } from './config/loadConfig';

const app = new App();
const { config, origin } = loadHashwatchConfig({ tryGetContext: (key) => app.node.tryGetContext(key), cwd: process.cwd() });
if (process.env.HASHWATCH_QUIET !== '1') console.error(`Hashwatch config: ${origin}`);
buildHashwatchApp(app, config);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
