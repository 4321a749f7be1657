import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FREE_CUSTOM_METRICS, METRIC_COMBINATIONS } from '../../shared/observability/metrics';
import { build } from './support';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

function functionId(template: Template, descriptionPrefix: string): string {
  const fns = template.findResources('AWS::Lambda::Function') as Resources;
  const found = Object.entries(fns).find(([, fn]) => String(fn.Properties.Description).startsWith(descriptionPrefix));
  if (!found) throw new Error(`no function described as ${descriptionPrefix}`);
  return found[0];
}

/** The statements of the inline policy attached to a function's role. */
function roleStatements(template: Template, fnId: string): Array<{ Action: string | string[]; Resource: unknown }> {
  const fn = (template.findResources('AWS::Lambda::Function') as Resources)[fnId]!;
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy') as Resources).filter((p) =>
    (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId),
  );
  return policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: [] }).Statement);
}

function actionsOn(statements: ReturnType<typeof roleStatements>, prefix: string): string[] {
  return statements
    .flatMap((s) => [s.Action].flat())
    .filter((a) => a.startsWith(prefix))
    .sort();
}

/** The dashboard body with the CloudFormation tokens replaced, parsed. */
function dashboardBody(template: Template): {
  widgets: Array<{ properties: { title: string; metrics?: unknown[][] } }>;
} {
  const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard') as Resources)[0]!;
  const parts = (dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
}

describe('functions: the house defaults', () => {
  const { stateless$ } = build({ logRetentionDays: 90 });

  it('all four (ingest, compute, calculator, api) run Node 24 on ARM64 with source maps, JSON logs and an explicit log group', () => {
    const fns = stateless$.findResources('AWS::Lambda::Function') as Resources;
    expect(Object.keys(fns)).toHaveLength(4);
    for (const fn of Object.values(fns)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/Logs/) } },
        Environment: {
          Variables: expect.objectContaining({
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_METRICS_NAMESPACE: 'Hashwatch',
            POWERTOOLS_LOG_LEVEL: 'INFO',
          }),
        },
      });
    }
  });

  it('each log group keeps the configured retention and outlives the stack', () => {
    const groups = stateless$.findResources('AWS::Logs::LogGroup') as Resources;
    expect(Object.keys(groups)).toHaveLength(4);
    for (const group of Object.values(groups)) {
      expect(group.Properties.RetentionInDays).toBe(90);
      expect((group as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
    }
  });

  it('no function role carries the AWSLambdaBasicExecutionRole managed policy', () => {
    const roles = Object.values(stateless$.findResources('AWS::IAM::Role') as Resources);
    expect(roles.length).toBeGreaterThanOrEqual(4); // ingest, compute, calculator, api at least
    for (const role of roles) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('names each service for Powertools and passes its config', () => {
    const ingest = functionId(stateless$, 'Hashwatch ingest');
    stateless$.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Hashwatch ingest'),
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'ingest',
          HASHWATCH_INGEST_CONFIG: Match.serializedJson({
            schedule: { intervalMinutes: 10 },
            storage: { rawSnapshotRetentionDays: 30 },
          }),
          TABLE_NAME: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('StorageTable') }),
        }),
      },
    });
    expect(ingest).toMatch(/^Ingestion/);
    stateless$.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Hashwatch compute'),
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'compute',
          HASHWATCH_COMPUTE_CONFIG: '{}',
          TOPIC_ARN: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('AlertsTopic') }),
        }),
      },
    });
    stateless$.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Hashwatch calculator'),
      Environment: {
        // Only what it reads: no topic; no compute config (the read API, which needs it, is the api function).
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'calculator',
          TOPIC_ARN: Match.absent(),
          HASHWATCH_COMPUTE_CONFIG: Match.absent(),
        }),
      },
    });
    stateless$.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Hashwatch api'),
      Environment: {
        // Only what it reads: no topic; the compute config for the read API's pool fee and sites (shared/api).
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'api',
          TOPIC_ARN: Match.absent(),
          HASHWATCH_COMPUTE_CONFIG: '{}',
          TABLE_NAME: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('StorageTable') }),
        }),
      },
    });
  });

  it('serializes the ingest and compute sections of the config into their variables', () => {
    const { stateless$: t } = build({
      scheduleRateMinutes: 15,
      rawSnapshotRetentionDays: 7,
      ingest: { sources: { mempoolBaseUrl: 'https://mempool.example.org' }, storage: {} },
      compute: { globalFleetPoolFeePct: 2 },
    });
    const ingestConfig = new Capture();
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ HASHWATCH_INGEST_CONFIG: ingestConfig }) },
    });
    // The deploy settings fill in ingest's copy of the interval and the retention.
    expect(JSON.parse(ingestConfig.asString())).toEqual({
      sources: { mempoolBaseUrl: 'https://mempool.example.org' },
      schedule: { intervalMinutes: 15 },
      storage: { rawSnapshotRetentionDays: 7 },
    });
    const computeConfig = new Capture();
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Hashwatch compute'),
      Environment: { Variables: Match.objectLike({ HASHWATCH_COMPUTE_CONFIG: computeConfig }) },
    });
    expect(JSON.parse(computeConfig.asString())).toEqual({ globalFleetPoolFeePct: 2 });
    const apiConfig = new Capture();
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Hashwatch api'),
      Environment: { Variables: Match.objectLike({ HASHWATCH_COMPUTE_CONFIG: apiConfig }) },
    });
    expect(JSON.parse(apiConfig.asString())).toEqual({ globalFleetPoolFeePct: 2 });
  });
});

describe('functions: grants', () => {
  // Which actions each function gets is checked against what its deployed asset actually sends,
  // both ways, in test/deployed/artifact.test.ts. Here: the shape of the grants, at any config.
  const { stateless$ } = build({ topicEncryption: 'customer-managed' });
  const ingest = roleStatements(stateless$, functionId(stateless$, 'Hashwatch ingest'));
  const compute = roleStatements(stateless$, functionId(stateless$, 'Hashwatch compute'));
  const calculator = roleStatements(stateless$, functionId(stateless$, 'Hashwatch calculator'));
  const api = roleStatements(stateless$, functionId(stateless$, 'Hashwatch api'));

  it('table actions are granted on the table itself, stream reads on its stream (compute only), nothing wider', () => {
    const streamReads = [
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
    ];
    for (const [name, statements] of [
      ['ingest', ingest],
      ['compute', compute],
      ['calculator', calculator],
      ['api', api],
    ] as const) {
      const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
      const resources = dynamo.map((s) => JSON.stringify(s.Resource));
      const onStream = dynamo.filter((s) => /StreamArn/.test(JSON.stringify(s.Resource)));
      expect(
        resources.every((r) => /StorageTable\w+(Stream)?Arn/.test(r)),
        name,
      ).toBe(true);
      expect(dynamo.length - onStream.length, name).toBe(1);
      expect(onStream.flatMap((s) => [s.Action].flat()).sort(), name).toEqual(name === 'compute' ? streamReads : []);
    }
  });

  it('only compute publishes, to the alerts topic, with its key; the calculator and the api write nothing', () => {
    expect(actionsOn(ingest, 'sns:')).toEqual([]);
    expect(actionsOn(calculator, 'sns:')).toEqual([]);
    expect(actionsOn(api, 'sns:')).toEqual([]);
    const publish = compute.find((s) => s.Action === 'sns:Publish')!;
    expect(JSON.stringify(publish.Resource)).toMatch(/AlertsTopic/);
    expect(actionsOn(compute, 'kms:')).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    for (const statements of [calculator, api]) {
      const writes = actionsOn(statements, 'dynamodb:').filter((a) => /Put|Update|Delete|Write/.test(a));
      expect(writes).toEqual([]);
    }
  });

  // Issue #23: the calculator's one Query (the pricing market) and the read API's GetItem and Query
  // were one role; each function now holds its own part, read-only.
  it('the calculator only reads: Query (the pricing market); the api only reads: Query and GetItem (the read API)', () => {
    expect(actionsOn(calculator, 'dynamodb:')).toEqual(['dynamodb:Query']);
    expect(actionsOn(api, 'dynamodb:')).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    for (const statements of [calculator, api]) {
      expect(actionsOn(statements, 'sns:')).toEqual([]);
      expect(actionsOn(statements, 'sqs:')).toEqual([]);
      expect(actionsOn(statements, 'ssm:')).toEqual([]);
      expect(actionsOn(statements, 'kms:')).toEqual([]);
      expect(actionsOn(statements, 'lambda:')).toEqual([]);
    }
  });

  it('nobody may Scan or describe the table; only compute may delete', () => {
    for (const statements of [ingest, compute, calculator, api]) {
      const actions = actionsOn(statements, 'dynamodb:');
      for (const forbidden of ['dynamodb:Scan', 'dynamodb:DescribeTable', 'dynamodb:DeleteTable', 'dynamodb:*']) {
        expect(actions).not.toContain(forbidden);
      }
    }
    expect(actionsOn(ingest, 'dynamodb:')).not.toContain('dynamodb:DeleteItem');
    expect(actionsOn(calculator, 'dynamodb:')).not.toContain('dynamodb:DeleteItem');
    expect(actionsOn(api, 'dynamodb:')).not.toContain('dynamodb:DeleteItem');
  });

  it('each function may write its own log group only, and send traces', () => {
    for (const statements of [ingest, compute, calculator, api]) {
      const logs = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('logs:')));
      expect(logs).toHaveLength(1);
      expect(logs[0]!.Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(logs[0]!.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] });
      // X-Ray's two actions support no resource-level permissions: '*' is the only resource.
      expect(statements.filter((s) => s.Resource === '*').map((s) => [s.Action].flat().sort())).toEqual([
        ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      ]);
    }
  });

  it('active tracing on every function; the calculator reserves no concurrency by default (a new account could not give it), or what the config says', () => {
    const fns = Object.values(stateless$.findResources('AWS::Lambda::Function') as Resources);
    for (const fn of fns) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    const calculatorFn = (t: Template) =>
      (t.findResources('AWS::Lambda::Function') as Resources)[functionId(t, 'Hashwatch calculator')]!.Properties;
    expect(calculatorFn(stateless$).ReservedConcurrentExecutions).toBeUndefined();
    expect(
      calculatorFn(build({ calculator: { reservedConcurrency: 20 } }).stateless$).ReservedConcurrentExecutions,
    ).toBe(20);
    expect(
      calculatorFn(build({ calculator: { reservedConcurrency: false } }).stateless$).ReservedConcurrentExecutions,
    ).toBeUndefined();
    const others = fns.filter((fn) => !String(fn.Properties.Description).startsWith('Hashwatch calculator'));
    for (const fn of others) expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('ingestion: the schedule', () => {
  it('runs every 10 minutes by default, retries and parks failures in the schedule DLQ', () => {
    const { stateless$ } = build();
    const ingest = functionId(stateless$, 'Hashwatch ingest');
    stateless$.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(10 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [ingest, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 },
        DeadLetterConfig: { Arn: { 'Fn::ImportValue': Match.stringLikeRegexp('ScheduleDeadLetterQueue') } },
        RoleArn: Match.anyValue(),
      },
    });
  });

  it('follows the configured rate', () => {
    const { stateless$ } = build({ scheduleRateMinutes: 30 });
    stateless$.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(30 minutes)',
      Target: Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 1800 } }),
    });
  });

  it('does not let Lambda retry a failed run asynchronously (the next run supersedes it)', () => {
    const { stateless$ } = build();
    stateless$.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId(stateless$, 'Hashwatch ingest') },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 600,
    });
  });

  it('keeps every age within what Scheduler (24 h) and Lambda (6 h) accept at the slowest rate', () => {
    const { stateless$ } = build({ scheduleRateMinutes: 480 });
    stateless$.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(8 hours)',
      Target: Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 480 * 60 } }),
    });
    stateless$.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumEventAgeInSeconds: 6 * 3600 });
    stateless$.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SnapshotStored',
      Period: 480 * 60,
      EvaluationPeriods: 3,
    });
  });

  it("the scheduler's role may invoke the ingest function and send to its DLQ, nothing more", () => {
    const { stateless$ } = build();
    // Every schedule (the interval's and the tip watch's), derived from the template: each one's role.
    const schedules = Object.values(stateless$.findResources('AWS::Scheduler::Schedule') as Resources);
    expect(schedules.length).toBeGreaterThan(0);
    for (const schedule of schedules) {
      const roleId = (schedule.Properties.Target as { RoleArn: { 'Fn::GetAtt': [string] } }).RoleArn['Fn::GetAtt'][0];
      const statements = Object.values(stateless$.findResources('AWS::IAM::Policy') as Resources)
        .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
        .flatMap(
          (p) => (p.Properties.PolicyDocument as { Statement: Array<{ Action: string; Resource: unknown }> }).Statement,
        );
      expect(statements.map((s) => s.Action).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
      // The one function it invokes is its own target, and only it.
      const invoke = statements.find((s) => s.Action === 'lambda:InvokeFunction')!;
      const targetArn = (schedule.Properties.Target as { Arn: unknown }).Arn;
      expect(JSON.stringify(invoke.Resource)).toContain(JSON.stringify(targetArn));
    }
    stateless$.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: Match.anyValue() }),
        ],
      },
    });
  });
});

describe('ingestion: the tip watch (issue #28)', () => {
  const tipWatchSchedules = (template: Template): number =>
    Object.values(template.findResources('AWS::Scheduler::Schedule') as Resources).filter(
      (s) => (s.Properties.Target as { Input?: string }).Input === JSON.stringify({ watch: 'tip' }),
    ).length;

  it('checks the tip every minute by default, on the ingest function with its own payload and the same DLQ', () => {
    const { stateless$ } = build();
    const ingest = functionId(stateless$, 'Hashwatch ingest');
    expect(tipWatchSchedules(stateless$)).toBe(1);
    stateless$.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [ingest, 'Arn'] },
        Input: JSON.stringify({ watch: 'tip' }),
        // a check older than a minute is superseded by the next one
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 60 },
        DeadLetterConfig: { Arn: { 'Fn::ImportValue': Match.stringLikeRegexp('ScheduleDeadLetterQueue') } },
        RoleArn: Match.anyValue(),
      },
    });
  });

  it('follows ingest.schedule.tipWatch, and is absent when disabled', () => {
    const slower = build({ ingest: { schedule: { tipWatch: { rateMinutes: 2 } } } }).stateless$;
    slower.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(2 minutes)',
      Target: Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 120 } }),
    });
    const off = build({ ingest: { schedule: { tipWatch: { enabled: false } } } }).stateless$;
    expect(tipWatchSchedules(off)).toBe(0);
    off.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(10 minutes)' });
  });
});

describe('computation: the stream mapping', () => {
  const { stateless$ } = build();

  it('starts compute on inserted network snapshots and power price intervals only', () => {
    const pattern = new Capture();
    stateless$.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId(stateless$, 'Hashwatch compute') },
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('StorageTable.*StreamArn') },
      FilterCriteria: { Filters: [{ Pattern: pattern }] },
    });
    expect(JSON.parse(pattern.asString())).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['NetworkSnapshot', 'PowerPrice'] } } },
    });
  });

  it('bisects, retries a finite number of times, drops stale records and reports partial failures', () => {
    stateless$.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 6 * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ParallelizationFactor: 1,
    });
  });

  it('sends what still fails to the SQS on-failure destination', () => {
    stateless$.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::ImportValue': Match.stringLikeRegexp('StreamFailureQueue.*Arn') } },
      },
    });
  });
});

describe('calculator: Function URL and invoke permissions', () => {
  it('has an AWS_IAM Function URL and grants this account both URL permissions and direct invoke', () => {
    const { stateless$ } = build();
    const calculator = functionId(stateless$, 'Hashwatch calculator');
    stateless$.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'AWS_IAM',
      TargetFunctionArn: { 'Fn::GetAtt': [calculator, 'Arn'] },
    });
    const target = { 'Fn::GetAtt': [calculator, 'Arn'] };
    stateless$.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      FunctionName: target,
      FunctionUrlAuthType: 'AWS_IAM',
      Principal: '123456789012',
    });
    stateless$.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: target,
      InvokedViaFunctionUrl: true,
      Principal: '123456789012',
    });
    stateless$.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: target,
      InvokedViaFunctionUrl: Match.absent(),
      Principal: '123456789012',
    });
    stateless$.hasOutput('CalculatorUrl', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('FunctionUrl'), 'FunctionUrl'] },
    });
  });

  it('grants the configured principals instead of the account', () => {
    const role = 'arn:aws:iam::210987654321:role/analyst';
    const { stateless$ } = build({ calculator: { invokerPrincipalArns: [role] } });
    const permissions = Object.values(stateless$.findResources('AWS::Lambda::Permission') as Resources);
    const calculator = functionId(stateless$, 'Hashwatch calculator');
    const ofCalculator = permissions.filter((p) => JSON.stringify(p.Properties.FunctionName).includes(calculator));
    expect(ofCalculator.map((p) => p.Properties.Principal)).toEqual([role, role, role]);
    expect(ofCalculator.map((p) => p.Properties.Action).sort()).toEqual([
      'lambda:InvokeFunction',
      'lambda:InvokeFunction',
      'lambda:InvokeFunctionUrl',
    ]);
    // The read API takes the same principals (its three permissions: api, below).
    expect(permissions.map((p) => p.Properties.Principal)).toEqual(Array.from({ length: 6 }, () => role));
  });

  it('refuses an invoker that is not an IAM principal ARN', () => {
    expect(() => build({ calculator: { invokerPrincipalArns: ['*'] } })).toThrow(
      /not an IAM account, role or user ARN/,
    );
  });
});

describe('api: the read API, its own Function URL', () => {
  it('has an AWS_IAM Function URL and grants this account both URL permissions and direct invoke', () => {
    const { stateless$ } = build();
    const api = functionId(stateless$, 'Hashwatch api');
    const target = { 'Fn::GetAtt': [api, 'Arn'] };
    stateless$.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', TargetFunctionArn: target });
    const permissions = Object.values(stateless$.findResources('AWS::Lambda::Permission') as Resources).filter(
      (p) => JSON.stringify(p.Properties.FunctionName) === JSON.stringify(target),
    );
    expect(
      permissions.map((p) => [p.Properties.Action, p.Properties.InvokedViaFunctionUrl, p.Properties.Principal]).sort(),
    ).toEqual([
      // Direct invoke: `aws lambda invoke` with a Function URL event as the payload (docs/api.md).
      ['lambda:InvokeFunction', undefined, '123456789012'],
      ['lambda:InvokeFunction', true, '123456789012'],
      ['lambda:InvokeFunctionUrl', undefined, '123456789012'],
    ]);
    stateless$.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      FunctionName: target,
      FunctionUrlAuthType: 'AWS_IAM',
    });
    // Its URL and name are outputs of their own; the calculator's stay as they were.
    const url = new Capture();
    stateless$.hasOutput('ApiUrl', { Value: { 'Fn::GetAtt': [url, 'FunctionUrl'] } });
    expect(url.asString()).toMatch(/^Api\w*FunctionUrl/);
    stateless$.hasOutput('ApiFunctionName', { Value: { Ref: api } });
  });

  it('runs at its own memory, with the calculator timeout, and reserves no concurrency', () => {
    const { stateless$ } = build({ calculator: { reservedConcurrency: 20 } });
    const fn = (stateless$.findResources('AWS::Lambda::Function') as Resources)[
      functionId(stateless$, 'Hashwatch api')
    ]!;
    expect(fn.Properties).toMatchObject({ MemorySize: 1024, Timeout: 10 });
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('observability: alarms', () => {
  const { stateless$ } = build();
  const opsTopic = { 'Fn::ImportValue': Match.stringLikeRegexp('OperationsTopic') };

  it('every alarm notifies the operations topic when it fires and when it clears', () => {
    const alarms = Object.values(stateless$.findResources('AWS::CloudWatch::Alarm') as Resources);
    // 12 standard alarms (the api function's Errors the 12th): two beyond the 10 CloudWatch includes
    // free ($0.20 a month, docs/cost.md).
    expect(alarms).toHaveLength(12);
    for (const alarm of alarms) {
      expect(JSON.stringify(alarm.Properties.AlarmActions)).toMatch(/OperationsTopic/);
      expect(JSON.stringify(alarm.Properties.OKActions)).toMatch(/OperationsTopic/);
    }
  });

  it('alarms on any error of each function', () => {
    for (const prefix of ['Hashwatch ingest', 'Hashwatch compute', 'Hashwatch calculator', 'Hashwatch api']) {
      stateless$.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId(stateless$, prefix) } }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [opsTopic],
      });
    }
  });

  it('alarms as soon as any DLQ holds a message', () => {
    for (const queue of ['ScheduleDeadLetterQueue', 'StreamFailureQueue', 'SubscriptionDeadLetterQueue']) {
      stateless$.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::ImportValue': Match.stringLikeRegexp(queue) } }],
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('alarms when no snapshot was stored for 3 intervals, counting silence as breaching', () => {
    stateless$.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Hashwatch',
      MetricName: 'SnapshotStored',
      Dimensions: [{ Name: 'service', Value: 'ingest' }],
      Statistic: 'Sum',
      Period: 600,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    const { stateless$: slow } = build({ scheduleRateMinutes: 60 });
    slow.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SnapshotStored',
      Period: 3600,
      EvaluationPeriods: 3,
    });
  });

  it('alarms on SNS delivery failures of the alerts topic and on events waiting too long in the outbox', () => {
    stateless$.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SNS',
      MetricName: 'NumberOfNotificationsFailed',
      Dimensions: [{ Name: 'TopicName', Value: { 'Fn::ImportValue': Match.stringLikeRegexp('AlertsTopic') } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    // 15 minutes: past a dead worker's 5-minute lease and two scheduled drains; silence breaches.
    stateless$.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Hashwatch',
      MetricName: 'OutboxPendingAgeSeconds',
      Dimensions: [{ Name: 'service', Value: 'compute' }],
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 900,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: 'breaching',
      AlarmActions: [opsTopic],
    });
  });

  it('alarms on failures the functions answer instead of throwing: compute records, calculator 500s', () => {
    for (const [metric, service] of [
      ['RecordFailures', 'compute'],
      ['CalculatorFailed', 'calculator'],
    ]) {
      stateless$.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'Hashwatch',
        MetricName: metric,
        Dimensions: [{ Name: 'service', Value: service }],
        Statistic: 'Sum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [opsTopic],
      });
    }
  });

  it('drains the outbox on a schedule, snapshot or not, with the exact event the compute accepts', () => {
    const schedules = Object.values(stateless$.findResources('AWS::Scheduler::Schedule') as Resources);
    const drain = schedules.find((r) => JSON.stringify(r.Properties.Target).includes('drain')) as
      | { Properties: { ScheduleExpression: string; Target: { Input: string; Arn: unknown; RetryPolicy: unknown } } }
      | undefined;
    expect(drain?.Properties.ScheduleExpression).toBe('rate(5 minutes)');
    expect(JSON.parse(drain?.Properties.Target.Input as string)).toEqual({ drain: 'scheduled' });
    expect(JSON.stringify(drain?.Properties.Target.Arn)).toContain(functionId(stateless$, 'Hashwatch compute'));
    expect(drain?.Properties.Target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 0 });
  });
});

describe('observability: dashboard', () => {
  it('shows hashprice, share of fleet negative, active signals and the ingest sources (from the logs)', () => {
    const { stateless$ } = build();
    const body = dashboardBody(stateless$);
    const widget = (title: RegExp) => body.widgets.find((w) => title.test(w.properties.title))!;
    const metricsOf = (title: RegExp) => widget(title).properties.metrics!;
    expect(metricsOf(/^Hashprice/)[0]!.slice(0, 4)).toEqual([
      'Hashwatch',
      'HashpriceUsdPerPhDay',
      'service',
      'compute',
    ]);
    expect(metricsOf(/fleet cash-flow negative/)[0]!.slice(0, 4)).toEqual([
      'Hashwatch',
      'FleetShareNegativePct',
      'service',
      'compute',
    ]);
    expect(metricsOf(/^Active signals \(count\)/)[0]!.slice(0, 4)).toEqual([
      'Hashwatch',
      'ActiveSignals',
      'service',
      'compute',
    ]);
    expect(metricsOf(/^Ingest: source failures/).map((m) => m.slice(0, 4))).toEqual([
      ['Hashwatch', 'SourceFailures', 'service', 'ingest'],
      ['Hashwatch', 'SnapshotStored', 'service', 'ingest'],
      ['Hashwatch', 'SnapshotRejected', 'service', 'ingest'],
    ]);
    // Per-source health: a Logs Insights table over the ingest log group, by source and outcome.
    const sources = widget(/^Ingest sources/) as unknown as {
      type: string;
      properties: { query: string; view: string };
    };
    expect(sources.type).toBe('log');
    expect(sources.properties.view).toBe('table');
    expect(sources.properties.query).toMatch(/^SOURCE 'TOKEN' \| filter ispresent\(source\) and ispresent\(outcome\)/);
    expect(sources.properties.query).toMatch(/stats count\(\*\) as calls, .*pct\(latencyMs, 90\).* by source, outcome/);
    const signals = widget(/^Active signals \(latest/) as unknown as { type: string; properties: { query: string } };
    expect(signals.properties.query).toMatch(
      /filter message = 'snapshot computed'\n\| fields @timestamp, intervalStart, activeSignals/,
    );
    expect(body.widgets.some((w) => (w as { type?: string }).type === 'alarm' || w.properties.title === 'Alarms')).toBe(
      true,
    );
  });

  it('graphs and alarms only on metrics of the contract: at most the 10 free combinations, no extra dimension', () => {
    const { stateless$ } = build();
    const contract = new Set(
      METRIC_COMBINATIONS.map((c) => JSON.stringify(['Hashwatch', c.metricName, 'service', c.service])),
    );
    expect(contract.size).toBeLessThanOrEqual(FREE_CUSTOM_METRICS);
    const used = new Set<string>();
    for (const w of dashboardBody(stateless$).widgets) {
      for (const m of w.properties.metrics ?? []) {
        if (m[0] !== 'Hashwatch') continue;
        // [namespace, name, dimension, value, { options }]: exactly one dimension, `service`.
        expect(typeof m[4] === 'object' || m.length === 4, JSON.stringify(m)).toBe(true);
        used.add(JSON.stringify(m.slice(0, 4)));
      }
    }
    for (const alarm of Object.values(stateless$.findResources('AWS::CloudWatch::Alarm') as Resources)) {
      const p = alarm.Properties as {
        Namespace?: string;
        MetricName?: string;
        Dimensions?: { Name: string; Value: string }[];
      };
      if (p.Namespace !== 'Hashwatch') continue;
      expect(p.Dimensions).toHaveLength(1);
      used.add(JSON.stringify(['Hashwatch', p.MetricName, p.Dimensions![0]!.Name, p.Dimensions![0]!.Value]));
    }
    expect([...used].filter((u) => !contract.has(u))).toEqual([]);
    expect(used.size).toBe(contract.size);
  });

  it('can be turned off (a dashboard costs $3/month beyond the free three)', () => {
    const { stateless$ } = build({ dashboard: false });
    stateless$.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });
});
