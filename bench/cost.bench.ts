/**
 * Monthly cost at the defaults (us-east-1 prices, 10-minute schedule), from infra/cost: the
 * resources counted in the synthesized app, the metrics in the observability contract, the usage
 * estimates and prices in one module. Target: under $1 a month. At the defaults the topic key
 * alone is $1.00 (the issue requires a customer-managed key), so the defaults miss it by the
 * usage; topicEncryption "aws-managed" is the documented cheap alternative.
 */
import { costInputsOf } from '../infra/cost/costInputs';
import { monthlyCost } from '../infra/cost/monthlyCost';
import { reportBench } from './report';

const profiles = [
  { name: 'monthly-cost-defaults', config: {} },
  { name: 'monthly-cost-aws-managed-key', config: { topicEncryption: 'aws-managed' as const } },
];
for (const profile of profiles) {
  const cost = monthlyCost(costInputsOf(profile.config, { cloudWatchFreeTier: true }));
  console.error(`  ${profile.name}: ${cost.lines.map((l) => `${l.item} ${l.usdPerMonth.toFixed(3)}`).join('; ')}`);
  reportBench({ name: profile.name, value: cost.totalUsd, unit: 'usd', comparison: '<=', target: 1 });
}
