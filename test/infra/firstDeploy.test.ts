/**
 * A first deploy into a new account: Lambda refuses any reserved concurrency that leaves fewer
 * than 100 executions unreserved, and a new account's concurrency quota can be 10, so neither the
 * defaults nor the example config the README has the user copy may reserve any. Read from the
 * synthesized templates (every function of both stacks), then through the preflight's own plan
 * and verdict for such an account.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHashwatchConfig, type HashwatchConfigInput } from '../../infra/config/hashwatchConfig';
import { deploymentPlan } from '../../local/preflight/deploymentPlan';
import { preflightFindings } from '../../local/preflight/preflightChecks';
import type { AccountFacts } from '../../local/preflight/accountFacts';
import { build, TEST_ENV } from './support';

/** The file the README and docs/deploy.md have the user copy to hashwatch.config.json. */
const exampleInput = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../hashwatch.config.example.json'), 'utf8'),
) as HashwatchConfigInput;
const exampleConfig = parseHashwatchConfig(exampleInput);

/** A new account: concurrency quota 10, nothing reserved yet. */
const NEW_ACCOUNT: AccountFacts = {
  lambda: { known: true, value: { accountConcurrency: 10, unreservedConcurrency: 10 } },
  parameters: new Map(),
};

function reservationsIn(built: ReturnType<typeof build>): unknown[] {
  return [built.stateful$, built.stateless$].flatMap((t) =>
    Object.values(t.findResources('AWS::Lambda::Function'))
      .map((fn) => (fn.Properties as { ReservedConcurrentExecutions?: unknown }).ReservedConcurrentExecutions)
      .filter((r) => r !== undefined),
  );
}

describe('a first deploy into a new account (Lambda concurrency quota 10)', () => {
  // Built while collecting (untimed), as in nag.test.ts: a synth is slow on a busy machine.
  const defaults = build();
  const example = build(exampleInput);
  const exampleReserving5 = build({ ...exampleInput, calculator: { reservedConcurrency: 5 } });

  it('the defaults and the example config reserve no concurrency in any function of either template', () => {
    // The example has a channel, so its stateless stack holds the notifier as well: five functions.
    expect(Object.keys(example.stateless$.findResources('AWS::Lambda::Function'))).toHaveLength(5);
    expect(reservationsIn(defaults)).toEqual([]);
    expect(reservationsIn(example)).toEqual([]);
    // The test can fail: a reservation in the config shows in the template.
    expect(reservationsIn(exampleReserving5)).toEqual([5]);
  });

  it("the preflight passes the example's reservation check there, and says the ceiling is opt-in and cannot be had", () => {
    const [finding] = preflightFindings(deploymentPlan(exampleConfig, TEST_ENV), NEW_ACCOUNT, TEST_ENV.region);
    expect(finding).toMatchObject({ verdict: 'ok', check: 'Lambda reserved concurrency' });
    expect(finding!.detail).toContain('no function reserves concurrency');
    expect(finding!.detail).toContain('could not give it a ceiling: Lambda keeps 100 unreserved');
  });

  it('in an account with room, the preflight names the ceiling the config could opt into', () => {
    const roomy: AccountFacts = {
      ...NEW_ACCOUNT,
      lambda: { known: true, value: { accountConcurrency: 1000, unreservedConcurrency: 990 } },
    };
    const [finding] = preflightFindings(deploymentPlan(exampleConfig, TEST_ENV), roomy, TEST_ENV.region);
    expect(finding!.verdict).toBe('ok');
    expect(finding!.detail).toContain('"calculator": {"reservedConcurrency": N} with N from 1 to 890');
  });

  it('the reservation the example once had (5) fails there, with the fix', () => {
    const plan = deploymentPlan(
      parseHashwatchConfig({ ...exampleInput, calculator: { reservedConcurrency: 5 } }),
      TEST_ENV,
    );
    const [finding] = preflightFindings(plan, NEW_ACCOUNT, TEST_ENV.region);
    expect(finding!.verdict).toBe('fail');
    expect(finding!.fix).toContain('"calculator": {"reservedConcurrency": false}');
  });

  it('says which addresses must confirm their e-mail subscription, read from the templates, and when alarms reach no one', () => {
    const findings = preflightFindings(deploymentPlan(exampleConfig, TEST_ENV), NEW_ACCOUNT, TEST_ENV.region);
    const email = findings.find((f) => f.check === 'e-mail subscriptions');
    expect(email).toMatchObject({ verdict: 'note' });
    expect(email!.detail).toMatch(
      /^miner@example\.com \(Hashwatch alerts\), ops@example\.com \(Hashwatch operations\): each receives "AWS Notification - Subscription Confirmation"/,
    );
    expect(email!.detail).not.toContain('No alarmEmail');
    const none = preflightFindings(deploymentPlan(parseHashwatchConfig({}), TEST_ENV), NEW_ACCOUNT, TEST_ENV.region);
    expect(none.find((f) => f.check === 'e-mail subscriptions')!.detail).toBe(
      'none in the templates. No alarmEmail in the config: the alarms reach only what you subscribe to the operations topic yourself.',
    );
  });
});
