import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HashwatchConfigError, parseHashwatchConfig } from '../../infra/config/hashwatchConfig';
import { loadHashwatchConfig } from '../../infra/config/loadConfig';
import { build } from './support';

function contextOf(values: Record<string, unknown>) {
  return (key: string): unknown => values[key];
}

describe('deploy config', () => {
  it('defaults to a 10-minute schedule, 30-day logs, no subscriptions, the AWS managed topic key and a calculator reservation of 5', () => {
    const config = parseHashwatchConfig({});
    expect(config).toMatchObject({
      stackPrefix: 'Hashwatch',
      scheduleRateMinutes: 10,
      logRetentionDays: 30,
      subscriptions: [],
      rawSnapshotRetentionDays: 30,
      topicEncryption: 'aws-managed',
      keyRotation: false,
      calculator: { reservedConcurrency: false },
      dashboard: true,
      ingest: {},
      compute: {},
    });
    expect(config.alarmEmail).toBeUndefined();
  });

  it('accepts e-mail and https subscriptions with filters', () => {
    const config = parseHashwatchConfig({
      subscriptions: [
        { email: 'miner@example.com', filter: { signals: ['hashprice-floor'], minSeverity: 'critical' } },
        { url: 'https://hooks.example.com/hashwatch?token=abc', filter: { transitions: ['raised'] } },
      ],
    });
    expect(config.subscriptions).toHaveLength(2);
  });

  it('refuses a plain http webhook and says why', () => {
    expect(() => parseHashwatchConfig({ subscriptions: [{ url: 'http://hooks.example.com/x' }] })).toThrow(
      /subscriptions\.0\.url: webhook URLs must use https:\/\//,
    );
  });

  it('refuses a webhook URL with a user name or password, without echoing it', () => {
    for (const url of ['https://user:s3cret@hooks.example.com/x', 'https://token@hooks.example.com/x']) {
      let message = '';
      try {
        parseHashwatchConfig({ subscriptions: [{ email: 'a@example.com' }, { url }] });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/subscriptions\.1\.url: webhook URLs must not carry a user name or password/);
      expect(message).toContain('hooks.example.com');
      expect(message).not.toMatch(/s3cret|token@/);
    }
  });

  it('takes the calculator reservation as 1..1000 or false, naming the field otherwise', () => {
    expect(parseHashwatchConfig({ calculator: { reservedConcurrency: 50 } }).calculator.reservedConcurrency).toBe(50);
    expect(parseHashwatchConfig({ calculator: { reservedConcurrency: false } }).calculator.reservedConcurrency).toBe(
      false,
    );
    expect(() => parseHashwatchConfig({ calculator: { reservedConcurrency: 0 } })).toThrow(
      /calculator\.reservedConcurrency: .*1 to 1000, or false/,
    );
  });

  it('refuses keyRotation without a customer-managed key, naming the field', () => {
    expect(() => parseHashwatchConfig({ topicEncryption: 'aws-managed', keyRotation: true })).toThrow(
      /keyRotation: applies only to topicEncryption 'customer-managed'/,
    );
    expect(() => parseHashwatchConfig({ keyRotation: true })).toThrow(/keyRotation: applies only/);
    expect(parseHashwatchConfig({ topicEncryption: 'customer-managed', keyRotation: true }).keyRotation).toBe(true);
  });

  it('refuses a malformed e-mail address, naming the field', () => {
    expect(() =>
      parseHashwatchConfig({ subscriptions: [{ email: 'ops@example.com' }, { email: 'not-an-address' }] }),
    ).toThrow(/subscriptions\.1\.email: not a valid e-mail address: "not-an-address"/);
    expect(() => parseHashwatchConfig({ alarmEmail: 'ops at example.com' })).toThrow(/alarmEmail: not a valid e-mail/);
  });

  it('refuses an unknown signal id and lists the known ones', () => {
    expect(() =>
      parseHashwatchConfig({ subscriptions: [{ email: 'a@example.com', filter: { signals: ['hashprice-flor'] } }] }),
    ).toThrow(
      /subscriptions\.0\.filter\.signals\.0: unknown signal id "hashprice-flor"; known ids: difficulty-negative-streak, /,
    );
  });

  it('refuses a subscription that is neither e-mail nor URL, and unknown keys', () => {
    expect(() => parseHashwatchConfig({ subscriptions: [{ filter: {} }] })).toThrow(
      /subscriptions\.0: a subscription has exactly one of/,
    );
    expect(() =>
      parseHashwatchConfig({ subscriptions: [{ email: 'a@example.com', url: 'https://x.example' }] }),
    ).toThrow(/exactly one of/);
    expect(() => parseHashwatchConfig({ subscriptions: [{ sms: '+15550100' }] })).toThrow(
      /subscriptions\.0: Unrecognized key: "sms"/,
    );
    expect(() => parseHashwatchConfig({ scheduleRate: 5 })).toThrow(HashwatchConfigError);
  });

  it('checks the compute section against the compute schema, so a misspelt key fails synth', () => {
    expect(() => parseHashwatchConfig({ compute: { fleet: [] } })).toThrow(
      /compute\.fleet: unknown field; did you mean "fleets"\?/,
    );
    expect(() => parseHashwatchConfig({ compute: { signals: { 'hashprice-floor': { floor: 40 } } } })).toThrow(
      /compute\.signals\.hashprice-floor\.floor: unknown field; did you mean "floorUsdPerPhDay"\?/,
    );
    expect(() =>
      parseHashwatchConfig({
        compute: {
          fleets: [{ name: 'A', machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05, poolFee: 1 }],
        },
      }),
    ).toThrow(/compute\.fleets\.0\.poolFee: unknown field; did you mean "poolFeePct"\?/);
    expect(
      parseHashwatchConfig({ compute: { signals: { 'hashprice-floor': { floorUsdPerPhDay: 40 } } } }).compute,
    ).toEqual({
      signals: { 'hashprice-floor': { floorUsdPerPhDay: 40 } },
    });
  });

  it('checks the sites at synth: a misspelt key, an unknown fleet, a bad lease offer, each named', () => {
    // The compute section reaches the compute and calculator functions as written (stateless.test.ts).
    const fleets = [{ name: 'main', machines: [{ model: 'S21', count: 100 }], powerPriceUsdPerKwh: 0.05 }];
    const site = { name: 'Lake', powerCapacityMw: 10, powerPrice: { type: 'fixed', usdPerMwh: 42 }, fleets: ['main'] };
    expect(() => parseHashwatchConfig({ compute: { fleets, sites: [{ ...site, capacityMw: 10 }] } })).toThrow(
      /compute\.sites\.0\.capacityMw: unknown field/,
    );
    expect(() => parseHashwatchConfig({ compute: { fleets, sites: [{ ...site, fleets: ['mian'] }] } })).toThrow(
      /compute\.sites\.0\.fleets\.0: no fleet named "mian"/,
    );
    expect(() =>
      parseHashwatchConfig({
        compute: { fleets, sites: [{ ...site, leaseOffer: { usdPerKwMonth: 130, termYears: 0, capexUsdPerMw: 0 } }] },
      }),
    ).toThrow(/compute\.sites\.0\.leaseOffer\.termYears: must be greater than 0/);
    expect(parseHashwatchConfig({ compute: { fleets, sites: [site] } }).compute).toEqual({ fleets, sites: [site] });
  });

  it('refuses a log retention CloudWatch does not offer and a schedule the stale alarm cannot cover', () => {
    expect(() => parseHashwatchConfig({ logRetentionDays: 31 })).toThrow(/logRetentionDays must be one of 1, 3, 5/);
    expect(() => parseHashwatchConfig({ scheduleRateMinutes: 481 })).toThrow(/scheduleRateMinutes/);
    expect(() => parseHashwatchConfig({ scheduleRateMinutes: 2.5 })).toThrow(/scheduleRateMinutes/);
  });

  it('lists every problem at once', () => {
    try {
      parseHashwatchConfig({ scheduleRateMinutes: 0, subscriptions: [{ url: 'http://x.example' }] });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/scheduleRateMinutes/);
      expect((error as Error).message).toMatch(/subscriptions\.0\.url/);
    }
  });

  it('refuses an ingest interval or retention that disagrees with the deploy settings (they are filled in from them)', () => {
    expect(() =>
      parseHashwatchConfig({ scheduleRateMinutes: 5, ingest: { schedule: { intervalMinutes: 10 } } }),
    ).toThrow(/ingest\.schedule\.intervalMinutes: leave it out: it is set from scheduleRateMinutes \(5\)/);
    expect(() => parseHashwatchConfig({ ingest: { storage: { rawSnapshotRetentionDays: 90 } } })).toThrow(
      /ingest\.storage\.rawSnapshotRetentionDays: leave it out/,
    );
    expect(() =>
      parseHashwatchConfig({ scheduleRateMinutes: 5, ingest: { schedule: { intervalMinutes: 5 } } }),
    ).not.toThrow();
  });

  it('refuses at synth time: building the app with a bad config throws before any stack exists', () => {
    expect(() => build({ subscriptions: [{ url: 'http://insecure.example.com' }] })).toThrow(/must use https/);
  });

  it('refuses a config too large for a Lambda environment', () => {
    const big = {
      fleets: Array.from({ length: 20 }, (_, f) => ({
        name: `fleet ${f}`,
        powerPriceUsdPerKwh: 0.05,
        machines: Array.from({ length: 10 }, (_, i) => ({
          name: `custom machine ${i}`,
          hashrateThs: 100 + i,
          powerWatts: 3000,
          count: 1,
        })),
      })),
    };
    expect(() => build({ compute: big })).toThrow(/compute function's config would take \d+ bytes/);
  });
});

describe('config loading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hashwatch-config-'));
  const made: string[] = [dir];
  afterAll(() => {
    for (const path of made) rmSync(path, { recursive: true, force: true });
  });

  it('uses the built-in defaults when there is no file', () => {
    const { config, origin } = loadHashwatchConfig({ tryGetContext: contextOf({}), cwd: dir });
    expect(origin).toBe('built-in defaults');
    expect(config.scheduleRateMinutes).toBe(10);
  });

  it('reads hashwatch.config.json from the working directory, and context overrides its scalars', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'hashwatch-config-'));
    made.push(cwd);
    writeFileSync(
      join(cwd, 'hashwatch.config.json'),
      JSON.stringify({ scheduleRateMinutes: 15, alarmEmail: 'ops@example.com' }),
    );
    const fromFile = loadHashwatchConfig({ tryGetContext: contextOf({}), cwd });
    expect(fromFile.config.scheduleRateMinutes).toBe(15);
    expect(fromFile.config.alarmEmail).toBe('ops@example.com');
    // CLI context values are strings: "5" must become 5.
    const overridden = loadHashwatchConfig({
      tryGetContext: contextOf({ scheduleRateMinutes: '5', dashboard: 'false' }),
      cwd,
    });
    expect(overridden.config.scheduleRateMinutes).toBe(5);
    expect(overridden.config.dashboard).toBe(false);
  });

  it('reads the file named by -c config=..., and fails clearly when it is missing or not JSON', () => {
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify({ subscriptions: [{ email: 'a@example.com' }] }));
    const { config, origin } = loadHashwatchConfig({ tryGetContext: contextOf({ config: 'mine.json' }), cwd: dir });
    expect(origin).toBe(file);
    expect(config.subscriptions).toEqual([{ email: 'a@example.com' }]);

    expect(() => loadHashwatchConfig({ tryGetContext: contextOf({ config: 'nope.json' }), cwd: dir })).toThrow(
      /Hashwatch config file not found: .*nope\.json/,
    );
    writeFileSync(join(dir, 'broken.json'), '{ "scheduleRateMinutes": ');
    expect(() => loadHashwatchConfig({ tryGetContext: contextOf({ config: 'broken.json' }), cwd: dir })).toThrow(
      /is not valid JSON/,
    );
  });

  it('takes subscriptions as JSON from context, validated like the file', () => {
    const { config } = loadHashwatchConfig({
      tryGetContext: contextOf({
        subscriptions: '[{"url":"https://hooks.example.com/a","filter":{"minSeverity":"critical"}}]',
      }),
      cwd: dir,
    });
    expect(config.subscriptions).toEqual([{ url: 'https://hooks.example.com/a', filter: { minSeverity: 'critical' } }]);
    expect(() =>
      loadHashwatchConfig({
        tryGetContext: contextOf({ subscriptions: '[{"url":"http://hooks.example.com/a"}]' }),
        cwd: dir,
      }),
    ).toThrow(/subscriptions\.0\.url: webhook URLs must use https/);
    expect(() => loadHashwatchConfig({ tryGetContext: contextOf({ subscriptions: '[{' }), cwd: dir })).toThrow(
      /-c subscriptions=\.\.\. must be JSON/,
    );
  });

  it('validates the example config shipped with the project', () => {
    const { config } = loadHashwatchConfig({
      tryGetContext: contextOf({ config: 'hashwatch.config.example.json' }),
      cwd: join(import.meta.dirname, '../..'),
    });
    expect(config.subscriptions.length).toBeGreaterThan(0);
  });
});
