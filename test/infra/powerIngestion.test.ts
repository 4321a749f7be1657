/**
 * The power function's infrastructure, read from the synthesized templates: built only when a
 * site's price is fetched (no such site: no function, no schedule, no alarm, nothing to pay), run
 * every 5 minutes with the empty payload, granted exactly Query and PutItem on the table and the
 * Parameter Store names the site configs give (decrypted only through SSM, only for those), and
 * one alarm per fetched site on its price age, at its own maximum, missing data counting as no
 * good price, to the operations topic of every other alarm. The calls it sends are checked
 * against these grants by test/deployed/powerArtifact.test.ts.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { POWER_MEMORY_MB } from '../../infra/constructs/powerIngestion';
import { MIXED_SITES_COMPUTE, ONE_ERCOT_SITE_COMPUTE } from '../support/powerSitesConfig';
import { build, TEST_ENV } from './support';

type Resource = { Type: string; Properties: Record<string, unknown> };

const powerFunctions = (resources: Record<string, Resource>) =>
  Object.entries(resources).filter(
    ([, r]) =>
      r.Type === 'AWS::Lambda::Function' &&
      (r.Properties.Environment as { Variables: Record<string, string> }).Variables.POWERTOOLS_SERVICE_NAME === 'power',
  );

const resourcesOf = (compute: Record<string, unknown>) =>
  build({ compute }).stateless$.toJSON().Resources as Record<string, Resource>;

const parameterArn = (name: string) =>
  `arn:aws:ssm:${TEST_ENV.region}:${TEST_ENV.account}:parameter${name.startsWith('/') ? name : `/${name}`}`;

describe('power ingestion: only when a site has a fetched price', () => {
  it('no site, or only fixed and tariff sites: no power function, no schedule for it, no price-age alarm', () => {
    const withoutFetched = {
      fleets: MIXED_SITES_COMPUTE.fleets.filter((f) => ['tou', 'flat'].includes(f.name)),
      sites: MIXED_SITES_COMPUTE.sites.filter((s) => ['tou', 'flat'].includes(s.name)),
    };
    for (const compute of [{}, withoutFetched]) {
      const resources = resourcesOf(compute);
      expect(powerFunctions(resources)).toEqual([]);
      const text = JSON.stringify(resources);
      expect(text).not.toMatch(/PowerIngestion/);
      expect(text).not.toContain('PriceAgeMinutes');
      // The ingest's two schedules (the 10-minute cycle and the tip watch) and the compute's drain.
      expect(Object.values(resources).filter((r) => r.Type === 'AWS::Scheduler::Schedule')).toHaveLength(3);
    }
  });

  it('one ERCOT site: a function on the compute config, run every 5 minutes with the empty payload', () => {
    const resources = resourcesOf(ONE_ERCOT_SITE_COMPUTE);
    const [[functionId, fn]] = powerFunctions(resources) as [[string, Resource]];
    expect(fn.Properties).toMatchObject({ MemorySize: POWER_MEMORY_MB, Timeout: 60, Architectures: ['arm64'] });
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.parse(variables.HASHWATCH_COMPUTE_CONFIG as string)).toEqual(ONE_ERCOT_SITE_COMPUTE);
    expect(variables.TABLE_NAME).toBeDefined();
    const schedules = Object.values(resources).filter(
      (r) => r.Type === 'AWS::Scheduler::Schedule' && JSON.stringify(r.Properties.Target).includes(functionId),
    );
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'rate(5 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Input: '{}', RetryPolicy: { MaximumRetryAttempts: 3 } },
    });
    expect(JSON.stringify(schedules[0]!.Properties.Target)).toMatch(/ScheduleDeadLetterQueue/);
  });
});

/** The statements of the power function's role. */
function powerStatements(compute: Record<string, unknown>): Array<Record<string, unknown>> {
  const resources = resourcesOf(compute);
  const [[, fn]] = powerFunctions(resources) as [[string, Resource]];
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement);
}

describe('power ingestion: grants derived from the calls it sends', () => {
  const statements = powerStatements(MIXED_SITES_COMPUTE);
  const withAction = (action: string) => statements.filter((s) => [s.Action].flat().includes(action));

  it('Query and PutItem on the table, nothing else on DynamoDB', () => {
    const dynamo = statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
    expect(dynamo).toHaveLength(1);
    expect([dynamo[0]!.Action].flat().sort()).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
    expect(JSON.stringify(dynamo[0]!.Resource)).toMatch(/Table/);
    expect(JSON.stringify(dynamo[0]!.Resource)).not.toContain('*');
  });

  it('ssm:GetParameter on exactly the parameters the fetched sites name, kms:Decrypt only through SSM for those', () => {
    const expected = [
      '/hashwatch/ercot/password',
      '/hashwatch/ercot/subscription-key',
      '/hashwatch/ercot/username',
      '/hashwatch/feed/token',
      '/site/de/entsoe-token',
    ].map(parameterArn);
    const [get] = withAction('ssm:GetParameter');
    expect(get!.Action).toBe('ssm:GetParameter');
    expect([get!.Resource].flat().sort()).toEqual(expected);
    const [decrypt] = withAction('kms:Decrypt');
    expect(decrypt).toMatchObject({
      Resource: `arn:aws:kms:${TEST_ENV.region}:${TEST_ENV.account}:key/*`,
      Condition: {
        StringEquals: {
          'kms:ViaService': `ssm.${TEST_ENV.region}.amazonaws.com`,
          'kms:EncryptionContext:PARAMETER_ARN': expected,
        },
      },
    });
    // Nothing else: no GetParameters, no path reads, no other service.
    const actions = statements.flatMap((s) => [s.Action].flat()).sort();
    expect(actions).toEqual(
      [
        'dynamodb:PutItem',
        'dynamodb:Query',
        'kms:Decrypt',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'ssm:GetParameter',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
  });

  it('a feed without a token and ERCOT on its defaults: only the ERCOT names', () => {
    const compute = {
      fleets: MIXED_SITES_COMPUTE.fleets.filter((f) => ['tx-west', 'meter'].includes(f.name)),
      sites: [
        MIXED_SITES_COMPUTE.sites[0]!,
        {
          ...MIXED_SITES_COMPUTE.sites[1]!,
          powerPrice: { type: 'feed', url: 'https://prices.example.com/v1', location: 'm', expectedUsdPerMwh: 40 },
        },
      ],
    };
    const [get] = powerStatements(compute).filter((s) => s.Action === 'ssm:GetParameter');
    expect([get!.Resource].flat().sort()).toEqual(
      ['/hashwatch/ercot/password', '/hashwatch/ercot/subscription-key', '/hashwatch/ercot/username'].map(parameterArn),
    );
  });
});

describe('power ingestion: an alarm per fetched site when it has had no good price for its configured time', () => {
  const template = build({ compute: MIXED_SITES_COMPUTE }).stateless$;
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
    (a) => (a.Properties as { MetricName?: string }).MetricName === 'PriceAgeMinutes',
  ) as Resource[];

  it('one per ERCOT, feed and ENTSO-E site (none for the tariff or the fixed price), at the site’s maxPriceAgeMinutes', () => {
    const bySite = Object.fromEntries(
      alarms.map((a) => {
        const dims = a.Properties.Dimensions as Array<{ Name: string; Value: string }>;
        return [dims.find((d) => d.Name === 'site')!.Value, a.Properties];
      }),
    );
    expect(Object.keys(bySite).sort()).toEqual(['de', 'meter', 'tx-west']);
    expect(bySite['tx-west']!.Threshold).toBe(45);
    expect(bySite.meter!.Threshold).toBe(45);
    expect(bySite.de!.Threshold).toBe(90);
    for (const props of Object.values(bySite)) {
      expect(props).toMatchObject({
        Namespace: 'Hashwatch',
        Dimensions: expect.arrayContaining([{ Name: 'service', Value: 'power' }]),
        Statistic: 'Maximum',
        Period: 300,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 2,
        DatapointsToAlarm: 2,
        TreatMissingData: 'breaching',
      });
      expect(JSON.stringify(props.AlarmActions)).toMatch(/OperationsTopic/);
      expect(JSON.stringify(props.OKActions)).toMatch(/OperationsTopic/);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Hashwatch-power-price-age-tx-west',
      AlarmDescription: Match.stringLikeRegexp('no good power price for 45 minutes'),
    });
  });

  it('cdk-nag finds nothing unacknowledged with the power function', () => {
    const { app } = build({ compute: MIXED_SITES_COMPUTE });
    const violations = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap(
      (pack) => pack.validateScope(app).violations,
    );
    expect(violations.map((v) => v.ruleName)).toEqual([]);
  });
});
