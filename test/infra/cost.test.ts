/**
 * The cost page (docs/cost.md, section 9 of docs/deploy.md) is held to infra/cost (one home of prices and
 * arithmetic), fed with what the synthesized app actually contains. A changed price, estimate,
 * alarm or metric that is not carried into the document fails here. The totals docs/cost.md and
 * docs/deploy.md state are generated blocks (`npm run docs`, local/backtest/docsBlocks.ts), checked
 * here where the synths are done anyway.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthlyCost } from '../../infra/cost/monthlyCost';
import { blocksOf, costInputsFor, docFiles, generatedBody } from '../../local/backtest/docsBlocks';

const costSection = readFileSync(join(import.meta.dirname, '../../docs/cost.md'), 'utf8');
const rows = costSection
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| item') && !line.startsWith('|---'))
  .map((line) =>
    line
      .split('|')
      .map((cell) => cell.trim())
      .filter((cell) => cell !== ''),
  );
const usd = (cell: string): number => Number(cell.replace(/\*/g, ''));

describe('docs: what it costs', () => {
  const defaults = costInputsFor({}, true);
  const cost = monthlyCost(defaults);

  it("counts what the app builds: 10 metrics, 12 alarms, 1 dashboard, no key of ours, the functions' memory", () => {
    expect(defaults).toEqual({
      scheduleRateMinutes: 10,
      ingestMemoryMb: 512,
      computeMemoryMb: 512,
      drainRateMinutes: 5,
      tipWatchRateMinutes: 1,
      customMetrics: 10,
      // 12 since the read API is its own function (issue #23): its Errors alarm.
      alarms: 12,
      dashboards: 1,
      customerManagedKeys: 0,
      keyRotationsBilled: 0,
      cloudWatchFreeTier: true,
    });
    expect(cost.runsPerMonth).toBe(30 * 24 * 6);
    expect(cost.drainsPerMonth).toBe(30 * 24 * 12);
  });

  it('every priced line of the table shows the module figure', () => {
    for (const line of cost.lines) {
      const row = rows.find((r) => r[0]!.startsWith(line.item));
      expect(row, line.item).toBeDefined();
      expect(
        Math.abs(usd(row!.at(-1)!) - line.usdPerMonth),
        `${line.item}: ${row!.at(-1)} vs ${line.usdPerMonth}`,
      ).toBeLessThan(0.0006);
    }
  });

  it('states the subtotal and totals the module computes', () => {
    const subtotal = rows.find((r) => r[0]!.includes('usage subtotal'))!;
    expect(usd(subtotal.at(-1)!)).toBeCloseTo(cost.usageUsd, 2);
    const total = rows.find((r) => r[0]!.includes('total at the defaults'))!;
    expect(usd(total.at(-1)!)).toBeCloseTo(cost.totalUsd, 2);
    const sentence = (pattern: RegExp): number => Number(pattern.exec(costSection)![1]);
    expect(sentence(/With the defaults, Hashwatch costs about \$(\d+\.\d\d) a month/)).toBeCloseTo(cost.totalUsd, 2);
    const customerKey = monthlyCost(costInputsFor({ topicEncryption: 'customer-managed' }, true));
    expect(sentence(/`topicEncryption: "customer-managed"`, it costs about \$(\d+\.\d\d) a month/)).toBeCloseTo(
      customerKey.totalUsd,
      2,
    );
    const rotating = monthlyCost(costInputsFor({ topicEncryption: 'customer-managed', keyRotation: true }, true));
    expect(sentence(/about \$(\d+\.\d\d) in all from\s+the third year/)).toBeCloseTo(rotating.totalUsd, 2);
    const noFreeTier = monthlyCost(costInputsFor({}, false));
    expect(sentence(/\+ \$3\.00 = \$(\d+\.\d\d)/)).toBeCloseTo(noFreeTier.totalUsd - cost.totalUsd, 2);
  });

  it('the defaults cost under $1; the customer-managed key, one setting away, adds its $1.00', () => {
    expect(cost.totalUsd).toBeLessThan(1);
    expect(cost.lines.find((l) => l.item === 'KMS customer-managed key')!.usdPerMonth).toBe(0);
    const customerKey = monthlyCost(costInputsFor({ topicEncryption: 'customer-managed' }, true));
    expect(customerKey.lines.find((l) => l.item === 'KMS customer-managed key')!.usdPerMonth).toBe(1);
    expect(customerKey.totalUsd - cost.totalUsd).toBeCloseTo(1, 6);
  });

  it('the generated monthly-cost blocks of docs/cost.md and docs/deploy.md are what the model gives', () => {
    const blocks = docFiles()
      .flatMap((file) => blocksOf(file, readFileSync(file, 'utf8')))
      .filter((b) => b.kind.startsWith('monthly-cost-'));
    expect(blocks.map((b) => `${b.file.split('/').at(-1)} ${b.kind}`).sort()).toEqual([
      'cost.md monthly-cost-summary',
      'deploy.md monthly-cost-deploy',
    ]);
    for (const block of blocks) expect(block.body, block.kind).toBe(generatedBody(block.kind));
  });
});
