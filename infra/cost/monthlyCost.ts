/**
 * What Hashwatch costs a month: the one home of the prices and the arithmetic behind the cost
 * page docs/cost.md (test/infra/cost.test.ts holds the document to it) and of
 * `BENCH monthly-cost-*` (bench/cost.bench.ts, which counts alarms, dashboards and keys in the
 * synthesized templates and metrics in shared/observability/metrics.ts).
 *
 * Prices: us-east-1, on-demand, as published on the AWS pricing pages (Lambda, DynamoDB,
 * CloudWatch, X-Ray, KMS, EventBridge Scheduler) in 2025-2026. A month is 30 days.
 */

export const PRICES_US_EAST_1 = {
  lambdaUsdPerMillionRequests: 0.2,
  /** Arm (Graviton) price per GB-second. */
  lambdaArmUsdPerGbSecond: 0.0000133334,
  dynamoUsdPerMillionWriteUnits: 0.625,
  dynamoUsdPerMillionReadUnits: 0.125,
  /** Continuous backups (point-in-time recovery), per GB-month; table storage's first 25 GB are free. */
  dynamoPitrUsdPerGbMonth: 0.2,
  logsIngestUsdPerGb: 0.5,
  schedulerUsdPerMillionInvocations: 1,
  customMetricUsdPerMonth: 0.3,
  alarmUsdPerMonth: 0.1,
  dashboardUsdPerMonth: 3,
  /** Traces recorded (active tracing: one per ingest and compute invocation). */
  xrayUsdPerMillionTracesRecorded: 5,
  kmsKeyUsdPerMonth: 1,
  /** Each of the first two automatic rotations adds $1/month to the key, for good. */
  kmsRotationUsdPerMonth: 1,
} as const;

/** CloudWatch's always-free allowances, per account (shared with anything else in that account). */
export const CLOUDWATCH_FREE = { customMetrics: 10, alarms: 10, dashboards: 3 } as const;

/** X-Ray's always-free allowance of traces recorded a month, per account. */
export const XRAY_FREE_TRACES_PER_MONTH = 100_000;

/**
 * Usage per run: estimates, not measurements (the bench and the first week's bill tell the real
 * ones). Ingest logs one line per upstream call plus the cycle's lines and one EMF document.
 */
export const USAGE_ESTIMATES = {
  ingestSeconds: 2,
  computeSeconds: 1,
  /** Snapshot, profitability record, signal states, outbox: about 14 write units a run, all told. */
  writeUnitsPerRun: 14,
  /** History query, signal states, last snapshot. */
  readUnitsPerRun: 20,
  tableGb: 0.02,
  ingestLogKbPerRun: 5,
  computeLogKbPerRun: 3,
  /** A scheduled drain of an empty outbox: one query, one log line, one EMF document. */
  drainSeconds: 0.1,
  drainReadUnits: 0.5,
  drainLogKb: 1,
} as const;

export interface CostInputs {
  scheduleRateMinutes: number;
  /** The ingest's and the compute's configured memory (MemorySize in the synthesized template, MB). */
  ingestMemoryMb: number;
  computeMemoryMb: number;
  /** The outbox drain schedule's rate (infra/constructs/computation.ts). */
  drainRateMinutes: number;
  /** Distinct metric name + dimension sets the functions emit. */
  customMetrics: number;
  alarms: number;
  dashboards: number;
  customerManagedKeys: number;
  /** Rotations billed so far (0 without rotation; 1 in the key's second year, 2 from the third). */
  keyRotationsBilled: number;
  /** Whether CloudWatch's (and X-Ray's) free allowances are this installation's to use. */
  cloudWatchFreeTier: boolean;
}

export interface CostLine {
  item: string;
  arithmetic: string;
  usdPerMonth: number;
}

export interface MonthlyCost {
  runsPerMonth: number;
  drainsPerMonth: number;
  lines: CostLine[];
  usageUsd: number;
  totalUsd: number;
}

/** The lines of the usage subtotal (docs/cost.md's first part of the table). */
export const USAGE_ITEMS = [
  'Lambda requests',
  'Lambda compute (Arm)',
  'DynamoDB writes',
  'DynamoDB reads',
  'DynamoDB storage + PITR',
  'CloudWatch Logs',
  'EventBridge Scheduler',
];

export function monthlyCost(inputs: CostInputs): MonthlyCost {
  const p = PRICES_US_EAST_1;
  const u = USAGE_ESTIMATES;
  const runsPerMonth = (30 * 24 * 60) / inputs.scheduleRateMinutes;
  const drainsPerMonth = (30 * 24 * 60) / inputs.drainRateMinutes;
  const invocations = 2 * runsPerMonth + drainsPerMonth;
  // Lambda bills memory in GB of 1,024 MB (a 512 MB function is 0.5 GB).
  const ingestGb = inputs.ingestMemoryMb / 1024;
  const computeGb = inputs.computeMemoryMb / 1024;
  const gbSeconds =
    runsPerMonth * (u.ingestSeconds * ingestGb + u.computeSeconds * computeGb) +
    drainsPerMonth * u.drainSeconds * computeGb;
  const writeUnits = runsPerMonth * u.writeUnitsPerRun;
  const readUnits = runsPerMonth * u.readUnitsPerRun + drainsPerMonth * u.drainReadUnits;
  const logGb = (runsPerMonth * (u.ingestLogKbPerRun + u.computeLogKbPerRun) + drainsPerMonth * u.drainLogKb) / 1e6;
  const schedulerInvocations = runsPerMonth + drainsPerMonth;
  const billable = (count: number, free: number): number =>
    inputs.cloudWatchFreeTier ? Math.max(0, count - free) : count;
  const n = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  const lines: CostLine[] = [
    // Lambda's own free tier (1M requests, 400,000 GB-s a month) would make these 0; not counted.
    {
      item: 'Lambda requests',
      arithmetic: `${n(invocations)} x $${p.lambdaUsdPerMillionRequests} / 1M`,
      usdPerMonth: (invocations / 1e6) * p.lambdaUsdPerMillionRequests,
    },
    {
      item: 'Lambda compute (Arm)',
      arithmetic: `${n(gbSeconds)} GB-s x $${p.lambdaArmUsdPerGbSecond}`,
      usdPerMonth: gbSeconds * p.lambdaArmUsdPerGbSecond,
    },
    {
      item: 'DynamoDB writes',
      arithmetic: `${n(writeUnits)} WRU x $${p.dynamoUsdPerMillionWriteUnits} / 1M`,
      usdPerMonth: (writeUnits / 1e6) * p.dynamoUsdPerMillionWriteUnits,
    },
    {
      item: 'DynamoDB reads',
      arithmetic: `${n(readUnits)} RRU x $${p.dynamoUsdPerMillionReadUnits} / 1M`,
      usdPerMonth: (readUnits / 1e6) * p.dynamoUsdPerMillionReadUnits,
    },
    {
      item: 'DynamoDB storage + PITR',
      arithmetic: `${u.tableGb} GB x $${p.dynamoPitrUsdPerGbMonth} (storage: first 25 GB free)`,
      usdPerMonth: u.tableGb * p.dynamoPitrUsdPerGbMonth,
    },
    {
      item: 'CloudWatch Logs',
      arithmetic: `${n(logGb)} GB x $${p.logsIngestUsdPerGb} (5 GB free not counted)`,
      usdPerMonth: logGb * p.logsIngestUsdPerGb,
    },
    {
      item: 'EventBridge Scheduler',
      arithmetic: `${n(schedulerInvocations)} x $${p.schedulerUsdPerMillionInvocations} / 1M (14M free not counted)`,
      usdPerMonth: (schedulerInvocations / 1e6) * p.schedulerUsdPerMillionInvocations,
    },
    {
      item: 'CloudWatch custom metrics',
      arithmetic: `${inputs.customMetrics} x $${p.customMetricUsdPerMonth}${inputs.cloudWatchFreeTier ? `, ${CLOUDWATCH_FREE.customMetrics} free` : ''}`,
      usdPerMonth: billable(inputs.customMetrics, CLOUDWATCH_FREE.customMetrics) * p.customMetricUsdPerMonth,
    },
    {
      item: 'CloudWatch alarms',
      arithmetic: `${inputs.alarms} x $${p.alarmUsdPerMonth}${inputs.cloudWatchFreeTier ? `, ${CLOUDWATCH_FREE.alarms} free` : ''}`,
      usdPerMonth: billable(inputs.alarms, CLOUDWATCH_FREE.alarms) * p.alarmUsdPerMonth,
    },
    {
      item: 'CloudWatch dashboard',
      arithmetic: `${inputs.dashboards} x $${p.dashboardUsdPerMonth}${inputs.cloudWatchFreeTier ? `, ${CLOUDWATCH_FREE.dashboards} free` : ''}`,
      usdPerMonth: billable(inputs.dashboards, CLOUDWATCH_FREE.dashboards) * p.dashboardUsdPerMonth,
    },
    {
      item: 'X-Ray traces',
      arithmetic: `${n(invocations)} traces x $${p.xrayUsdPerMillionTracesRecorded} / 1M${inputs.cloudWatchFreeTier ? `, ${n(XRAY_FREE_TRACES_PER_MONTH)} free` : ''}`,
      usdPerMonth: (billable(invocations, XRAY_FREE_TRACES_PER_MONTH) / 1e6) * p.xrayUsdPerMillionTracesRecorded,
    },
    {
      item: 'KMS customer-managed key',
      arithmetic: `${inputs.customerManagedKeys} x ($${p.kmsKeyUsdPerMonth} + ${inputs.keyRotationsBilled} rotations x $${p.kmsRotationUsdPerMonth}); requests within the 20,000 free`,
      usdPerMonth:
        inputs.customerManagedKeys * (p.kmsKeyUsdPerMonth + inputs.keyRotationsBilled * p.kmsRotationUsdPerMonth),
    },
  ];
  const usageUsd = lines.filter((l) => USAGE_ITEMS.includes(l.item)).reduce((sum, l) => sum + l.usdPerMonth, 0);
  const totalUsd = lines.reduce((sum, l) => sum + l.usdPerMonth, 0);
  return { runsPerMonth, drainsPerMonth, lines, usageUsd, totalUsd };
}
