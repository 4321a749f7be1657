/**
 * The countable inputs of the monthly cost, taken from what is actually built: alarms, dashboards,
 * KMS keys and the functions' memory from the synthesized templates (bundling skipped: it changes
 * no resource), custom metrics from the observability contract the functions are held to.
 */
import { DRAIN_SCHEDULE_MINUTES } from '../constructs/computation';
import { METRIC_COMBINATIONS, SERVICE_NAMES } from '../../shared/observability/metrics';
import { ingestFunctionConfig, parseHashwatchConfig, type HashwatchConfigInput } from '../config/hashwatchConfig';
import { ingestConfigSchema } from '../../shared/config/ingestConfig';
import { functionMemoryMb, synthesizedTemplates } from '../synthesizedTemplates';
import type { CostInputs } from './monthlyCost';

export function costInputsOf(configInput: HashwatchConfigInput, options: { cloudWatchFreeTier: boolean }): CostInputs {
  const config = parseHashwatchConfig(configInput);
  const { tipWatch } = ingestConfigSchema.parse(ingestFunctionConfig(config)).schedule;
  const templates = synthesizedTemplates(configInput);
  const memory = functionMemoryMb(templates);
  const count = (type: string): number =>
    templates.reduce((sum, t) => sum + Object.keys(t.findResources(type)).length, 0);
  const keys = templates.flatMap((t) => Object.values(t.findResources('AWS::KMS::Key')));
  const rotating = keys.some((k) => (k.Properties as { EnableKeyRotation?: boolean }).EnableKeyRotation === true);
  return {
    scheduleRateMinutes: config.scheduleRateMinutes,
    ingestMemoryMb: memory[SERVICE_NAMES.ingest]!,
    computeMemoryMb: memory[SERVICE_NAMES.compute]!,
    drainRateMinutes: DRAIN_SCHEDULE_MINUTES,
    tipWatchRateMinutes: tipWatch.enabled ? tipWatch.rateMinutes : undefined,
    customMetrics: METRIC_COMBINATIONS.length,
    alarms: count('AWS::CloudWatch::Alarm'),
    dashboards: count('AWS::CloudWatch::Dashboard'),
    customerManagedKeys: keys.length,
    // With rotation, the first year bills none; from the third year on, two (the cap).
    keyRotationsBilled: rotating ? 2 : 0,
    cloudWatchFreeTier: options.cloudWatchFreeTier,
  };
}
