/**
 * Monthly cost at the defaults (us-east-1 prices, 10-minute schedule, 1-minute tip watch), from infra/cost: the
 * resources counted in the synthesized app, the metrics in the observability contract, the usage
 * estimates and prices in one module. Target: under $1 a month at the defaults (the topics on the
 * AWS managed key). The customer-managed key, one setting away, adds its $1.00: that profile's
 * target is the defaults' promise plus the key.
 */
import { costInputsOf } from '../infra/cost/costInputs';
import { monthlyCost } from '../infra/cost/monthlyCost';
import { reportBench } from './report';

const profiles = [
  { name: 'monthly-cost-defaults', config: {}, targetUsd: 1 },
  { name: 'monthly-cost-customer-managed-key', config: { topicEncryption: 'customer-managed' as const }, targetUsd: 2 },
];
for (const profile of profiles) {
  const cost = monthlyCost(costInputsOf(profile.config, { cloudWatchFreeTier: true }));
  console.error(`  ${profile.name}: ${cost.lines.map((l) => `${l.item} ${l.usdPerMonth.toFixed(3)}`).join('; ')}`);
  // Issue #28: the tip watch's checks and block cycles, with their arithmetic.
  const tipWatch = cost.lines.find((l) => l.item === 'Tip watch');
  if (tipWatch)
    console.error(`  ${profile.name}: Tip watch ${tipWatch.usdPerMonth.toFixed(3)} = ${tipWatch.arithmetic}`);
  reportBench({ name: profile.name, value: cost.totalUsd, unit: 'usd', comparison: '<=', target: profile.targetUsd });
}
