/**
 * The countable inputs of the monthly cost, taken from what is actually built: alarms, dashboards
 * and KMS keys from the synthesized templates (bundling skipped: it changes no resource), custom
 * metrics from the observability contract the functions are held to.
 */
import { DRAIN_SCHEDULE_MINUTES } from '../constructs/computation';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { METRIC_COMBINATIONS } from '../../shared/observability/metrics';
import { buildHashwatchApp } from '../buildApp';
import { CDK_JSON_CONTEXT } from '../cdkJsonContext';
import { parseHashwatchConfig, type HashwatchConfigInput } from '../config/hashwatchConfig';
import type { CostInputs } from './monthlyCost';

export function costInputsOf(configInput: HashwatchConfigInput, options: { cloudWatchFreeTier: boolean }): CostInputs {
  const config = parseHashwatchConfig(configInput);
  const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildHashwatchApp(app, config, { env: { account: '123456789012', region: 'us-east-1' } });
  const templates = [Template.fromStack(stacks.stateful), Template.fromStack(stacks.stateless)];
  const count = (type: string): number =>
    templates.reduce((sum, t) => sum + Object.keys(t.findResources(type)).length, 0);
  const keys = templates.flatMap((t) => Object.values(t.findResources('AWS::KMS::Key')));
  const rotating = keys.some((k) => (k.Properties as { EnableKeyRotation?: boolean }).EnableKeyRotation === true);
  return {
    scheduleRateMinutes: config.scheduleRateMinutes,
    drainRateMinutes: DRAIN_SCHEDULE_MINUTES,
    customMetrics: METRIC_COMBINATIONS.length,
    alarms: count('AWS::CloudWatch::Alarm'),
    dashboards: count('AWS::CloudWatch::Dashboard'),
    customerManagedKeys: keys.length,
    // With rotation, the first year bills none; from the third year on, two (the cap).
    keyRotationsBilled: rotating ? 2 : 0,
    cloudWatchFreeTier: options.cloudWatchFreeTier,
  };
}
