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
  /**
   * KMS requests (symmetric: Decrypt), also those made to the AWS managed key aws/ssm when Parameter
   * Store decrypts a SecureString for the caller (KMS pricing page, "Note 1"). Parameter Store
   * itself charges nothing for standard parameters at standard throughput.
   */
  kmsUsdPer10kRequests: 0.03,
} as const;

/** KMS's always-free requests a month, per account (all regions together). */
export const KMS_FREE_REQUESTS_PER_MONTH = 20_000;

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
  /**
   * The tip watch's check (issue #28) when no block arrived: one Query for the newest snapshot
   * (one item of a few KB, eventually consistent: half a read unit), one request of a few bytes to
   * mempool, a source-call and a result log line and one EMF document.
   */
  tipWatchSeconds: 0.3,
  tipWatchReadUnits: 0.5,
  tipWatchLogKb: 1.5,
  /** A scheduled drain of an empty outbox: one query, one log line, one EMF document. */
  drainSeconds: 0.1,
  drainReadUnits: 0.5,
  drainLogKb: 1,
  /**
   * The power function's wait for one request to ERCOT (its login, a report page), which a local run
   * against stand-ins cannot measure: an allowance, generous for an API that answers a page of a
   * few hundred KB, added to the measured round (bench/powerCost.bench.ts).
   */
  powerUpstreamSecondsPerRequest: 0.5,
  /**
   * Cold starts of the power function an hour: each bills its init phase (Lambda bills init since
   * August 2025) and reads the site's secrets again (one KMS Decrypt each). AWS does not document
   * how long an idle environment lives; measurements found about 10 minutes after the last request
   * (mikhail.io, "AWS Lambda Cold Starts After 10 Minutes", 2019-08) and a recycle every few hours
   * regardless (theburningmonk.com, "Finding coldstarts", 2017-06). A function run every 5 minutes
   * stays warm in between: one an hour is a margin on both.
   */
  powerColdStartsPerHour: 1,
} as const;

/** Blocks a month at the protocol's 10-minute target: each one is a cycle the tip watch runs. */
export const BLOCKS_PER_MONTH = 30 * 144;

/** Lambda gives a function one vCPU at 1,769 MB of memory, and a share in proportion below it. */
export const LAMBDA_MB_PER_VCPU = 1769;

export interface CostInputs {
  scheduleRateMinutes: number;
  /** The ingest's and the compute's configured memory (MemorySize in the synthesized template, MB). */
  ingestMemoryMb: number;
  computeMemoryMb: number;
  /** The outbox drain schedule's rate (infra/constructs/computation.ts). */
  drainRateMinutes: number;
  /** The tip watch schedule's rate (ingest.schedule.tipWatch); absent or undefined when it is disabled. */
  tipWatchRateMinutes?: number | undefined;
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
  'Tip watch',
];

/**
 * The tip watch's month: its checks, and the cycle each block runs (an ingest run inside the check's
 * invocation, and the compute run its snapshot wakes), beside the interval's scheduled runs.
 */
export interface TipWatchMonth {
  checks: number;
  blockCycles: number;
  /** Lambda invocations it adds: every check, and a compute run per block cycle. */
  invocations: number;
}

export function tipWatchMonth(inputs: Pick<CostInputs, 'tipWatchRateMinutes'>): TipWatchMonth {
  if (inputs.tipWatchRateMinutes === undefined) return { checks: 0, blockCycles: 0, invocations: 0 };
  const checks = (30 * 24 * 60) / inputs.tipWatchRateMinutes;
  return { checks, blockCycles: BLOCKS_PER_MONTH, invocations: checks + BLOCKS_PER_MONTH };
}

/** Every Lambda invocation of the base deployment a month: ingest and compute runs, drains, the tip watch. */
export function baseInvocationsPerMonth(
  inputs: Pick<CostInputs, 'scheduleRateMinutes' | 'drainRateMinutes' | 'tipWatchRateMinutes'>,
): number {
  const runs = (30 * 24 * 60) / inputs.scheduleRateMinutes;
  return 2 * runs + (30 * 24 * 60) / inputs.drainRateMinutes + tipWatchMonth(inputs).invocations;
}

export function monthlyCost(inputs: CostInputs): MonthlyCost {
  const p = PRICES_US_EAST_1;
  const u = USAGE_ESTIMATES;
  const runsPerMonth = (30 * 24 * 60) / inputs.scheduleRateMinutes;
  const drainsPerMonth = (30 * 24 * 60) / inputs.drainRateMinutes;
  const watch = tipWatchMonth(inputs);
  const scheduledInvocations = 2 * runsPerMonth + drainsPerMonth;
  const invocations = baseInvocationsPerMonth(inputs);
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
      arithmetic: `${n(scheduledInvocations)} x $${p.lambdaUsdPerMillionRequests} / 1M`,
      usdPerMonth: (scheduledInvocations / 1e6) * p.lambdaUsdPerMillionRequests,
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
    tipWatchLine(inputs, watch, n),
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

/**
 * The tip watch's own line (issue #28), all its usage together so its price is visible: requests,
 * compute, reads, writes, logs and schedule invocations of the checks and of the block cycles.
 */
function tipWatchLine(inputs: CostInputs, watch: TipWatchMonth, n: (value: number) => string): CostLine {
  const p = PRICES_US_EAST_1;
  const u = USAGE_ESTIMATES;
  if (watch.checks === 0)
    return { item: 'Tip watch', arithmetic: 'disabled (ingest.schedule.tipWatch)', usdPerMonth: 0 };
  const ingestGb = inputs.ingestMemoryMb / 1024;
  const computeGb = inputs.computeMemoryMb / 1024;
  const gbSeconds =
    watch.checks * u.tipWatchSeconds * ingestGb +
    watch.blockCycles * (u.ingestSeconds * ingestGb + u.computeSeconds * computeGb);
  const writeUnits = watch.blockCycles * u.writeUnitsPerRun;
  const readUnits = watch.checks * u.tipWatchReadUnits + watch.blockCycles * u.readUnitsPerRun;
  const logGb =
    (watch.checks * u.tipWatchLogKb + watch.blockCycles * (u.ingestLogKbPerRun + u.computeLogKbPerRun)) / 1e6;
  const parts = {
    requests: (watch.invocations / 1e6) * p.lambdaUsdPerMillionRequests,
    compute: gbSeconds * p.lambdaArmUsdPerGbSecond,
    writes: (writeUnits / 1e6) * p.dynamoUsdPerMillionWriteUnits,
    reads: (readUnits / 1e6) * p.dynamoUsdPerMillionReadUnits,
    logs: logGb * p.logsIngestUsdPerGb,
    scheduler: (watch.checks / 1e6) * p.schedulerUsdPerMillionInvocations,
  };
  const usd = (value: number): string => `$${value.toFixed(3)}`;
  return {
    item: 'Tip watch',
    arithmetic:
      `${n(watch.checks)} checks (every ${inputs.tipWatchRateMinutes} min) + ${n(watch.blockCycles)} block cycles (ingest + compute): ` +
      `${n(watch.invocations)} requests ${usd(parts.requests)}, ${n(gbSeconds)} GB-s ${usd(parts.compute)}, ` +
      `${n(writeUnits)} WRU ${usd(parts.writes)}, ${n(readUnits)} RRU ${usd(parts.reads)}, ${n(logGb)} GB logs ${usd(parts.logs)}, ` +
      `${n(watch.checks)} schedule invocations ${usd(parts.scheduler)}`,
    usdPerMonth: Object.values(parts).reduce((sum, v) => sum + v, 0),
  };
}

/**
 * What one site whose power price is fetched adds to a month (issue #24,
 * `BENCH monthly-cost-one-ercot-site`, bench/powerCost.bench.ts): the power function's rounds, the
 * prices it stores and keeps, the compute runs those prices trigger through the table's stream, the
 * site's metrics and alarm, and the secrets read. The free allowances count only what the base
 * deployment (`base`, the defaults' inputs) leaves: its 10 metrics use up CloudWatch's free 10 and its
 * 12 alarms the free 10, so the site's are billed in full.
 */
export interface PowerSiteCostInputs {
  /** The base deployment the site is added to (what it already uses of the free allowances). */
  base: CostInputs;
  /** Power rounds a month (the schedule's rate). */
  roundsPerMonth: number;
  powerMemoryMb: number;
  /** Billed seconds of one round (measured, plus the upstream allowance; see the bench). */
  roundSeconds: number;
  /** Billed seconds of a cold start's init phase (measured), and how many a month (an upper bound). */
  initSeconds: number;
  coldStartsPerMonth: number;
  /** Intervals stored a day (ERCOT: 96 real-time quarter hours and 24 day-ahead hours). */
  intervalsPerDay: number;
  /** Read units a round (measured: its queries) and bytes an item (measured). */
  readUnitsPerRound: number;
  itemBytes: number;
  retentionDays: number;
  /** Log bytes a round (measured: every line the function prints, EMF included). */
  logBytesPerRound: number;
  /** Metrics a site that exist every hour, and its alarms. */
  metrics: number;
  alarms: number;
  /** SecureString parameters read at each cold start (each one KMS Decrypt). */
  parametersPerColdStart: number;
}

export function powerSiteMonthlyCost(inputs: PowerSiteCostInputs): { lines: CostLine[]; totalUsd: number } {
  const p = PRICES_US_EAST_1;
  const u = USAGE_ESTIMATES;
  const { base } = inputs;
  const n = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  const free = (allowance: number, usedByBase: number): number =>
    base.cloudWatchFreeTier ? Math.max(0, allowance - usedByBase) : 0;
  const itemsPerMonth = inputs.intervalsPerDay * 30;
  // Every stored price is a stream record the compute reads; counted as one compute run each (the
  // mapping may batch a round's items into one, so this is an upper bound).
  const computeRuns = itemsPerMonth;
  const computeGb = base.computeMemoryMb / 1024;
  const powerGb = inputs.powerMemoryMb / 1024;
  const invocations = inputs.roundsPerMonth + computeRuns;
  const powerGbSeconds =
    (inputs.roundsPerMonth * inputs.roundSeconds + inputs.coldStartsPerMonth * inputs.initSeconds) * powerGb;
  const computeGbSeconds = computeRuns * u.computeSeconds * computeGb;
  const writeUnits = itemsPerMonth * Math.ceil(inputs.itemBytes / 1024) + computeRuns * u.writeUnitsPerRun;
  const readUnits = inputs.roundsPerMonth * inputs.readUnitsPerRound + computeRuns * u.readUnitsPerRun;
  const storedGb = (itemsPerMonth / 30) * inputs.retentionDays * inputs.itemBytes * 1e-9;
  const logGb = (inputs.roundsPerMonth * inputs.logBytesPerRound + computeRuns * u.computeLogKbPerRun * 1000) / 1e9;
  const baseTraces = baseInvocationsPerMonth(base);
  const freeTraces = free(XRAY_FREE_TRACES_PER_MONTH, baseTraces);
  const kmsRequests = inputs.coldStartsPerMonth * inputs.parametersPerColdStart;
  // The base deployment's KMS requests (SNS under aws/sns, the notifier's few reads) are far below 20,000.
  const freeKms = base.cloudWatchFreeTier ? KMS_FREE_REQUESTS_PER_MONTH : 0;
  const lines: CostLine[] = [
    {
      item: 'power: Lambda requests',
      arithmetic: `${n(inputs.roundsPerMonth)} rounds + ${n(computeRuns)} compute runs = ${n(invocations)} x $${p.lambdaUsdPerMillionRequests} / 1M`,
      usdPerMonth: (invocations / 1e6) * p.lambdaUsdPerMillionRequests,
    },
    {
      item: 'power: Lambda compute (Arm)',
      arithmetic: `power ${n(inputs.roundsPerMonth)} x ${n(inputs.roundSeconds)} s + ${n(inputs.coldStartsPerMonth)} inits x ${n(inputs.initSeconds)} s at ${n(powerGb)} GB + compute ${n(computeRuns)} x ${u.computeSeconds} s at ${n(computeGb)} GB = ${n(powerGbSeconds + computeGbSeconds)} GB-s x $${p.lambdaArmUsdPerGbSecond}`,
      usdPerMonth: (powerGbSeconds + computeGbSeconds) * p.lambdaArmUsdPerGbSecond,
    },
    {
      item: 'power: DynamoDB writes',
      arithmetic: `${n(itemsPerMonth)} prices x ${Math.ceil(inputs.itemBytes / 1024)} WRU + ${n(computeRuns)} compute runs x ${u.writeUnitsPerRun} = ${n(writeUnits)} WRU x $${p.dynamoUsdPerMillionWriteUnits} / 1M`,
      usdPerMonth: (writeUnits / 1e6) * p.dynamoUsdPerMillionWriteUnits,
    },
    {
      item: 'power: DynamoDB reads',
      arithmetic: `${n(inputs.roundsPerMonth)} rounds x ${n(inputs.readUnitsPerRound)} + ${n(computeRuns)} compute runs x ${u.readUnitsPerRun} = ${n(readUnits)} RRU x $${p.dynamoUsdPerMillionReadUnits} / 1M`,
      usdPerMonth: (readUnits / 1e6) * p.dynamoUsdPerMillionReadUnits,
    },
    {
      item: 'power: DynamoDB storage + PITR',
      arithmetic: `${inputs.intervalsPerDay} prices a day x ${inputs.retentionDays} days x ${n(inputs.itemBytes)} B = ${n(storedGb)} GB x $${p.dynamoPitrUsdPerGbMonth} (storage: first 25 GB free)`,
      usdPerMonth: storedGb * p.dynamoPitrUsdPerGbMonth,
    },
    {
      item: 'power: CloudWatch Logs',
      arithmetic: `${n(inputs.roundsPerMonth)} rounds x ${n(inputs.logBytesPerRound / 1000)} KB + ${n(computeRuns)} compute runs x ${u.computeLogKbPerRun} KB = ${n(logGb)} GB x $${p.logsIngestUsdPerGb}`,
      usdPerMonth: logGb * p.logsIngestUsdPerGb,
    },
    {
      item: 'power: EventBridge Scheduler',
      arithmetic: `${n(inputs.roundsPerMonth)} x $${p.schedulerUsdPerMillionInvocations} / 1M (14M free not counted)`,
      usdPerMonth: (inputs.roundsPerMonth / 1e6) * p.schedulerUsdPerMillionInvocations,
    },
    {
      item: 'power: CloudWatch custom metrics',
      arithmetic: `${inputs.metrics} a site x $${p.customMetricUsdPerMonth} (the base's ${base.customMetrics} use the free ${CLOUDWATCH_FREE.customMetrics}); PriceFetchFailures only in the hours a failure happens`,
      usdPerMonth:
        Math.max(0, inputs.metrics - free(CLOUDWATCH_FREE.customMetrics, base.customMetrics)) *
        p.customMetricUsdPerMonth,
    },
    {
      item: 'power: CloudWatch alarms',
      arithmetic: `${inputs.alarms} price-age alarm x $${p.alarmUsdPerMonth} (the base's ${base.alarms} use the free ${CLOUDWATCH_FREE.alarms})`,
      usdPerMonth: Math.max(0, inputs.alarms - free(CLOUDWATCH_FREE.alarms, base.alarms)) * p.alarmUsdPerMonth,
    },
    {
      item: 'power: X-Ray traces',
      arithmetic: `${n(invocations)} traces, beside the base's ${n(baseTraces)}, within the ${n(XRAY_FREE_TRACES_PER_MONTH)} free ($${p.xrayUsdPerMillionTracesRecorded} per million beyond)`,
      usdPerMonth: (Math.max(0, invocations - freeTraces) / 1e6) * p.xrayUsdPerMillionTracesRecorded,
    },
    {
      item: 'power: SSM + KMS (secrets)',
      arithmetic: `${n(inputs.coldStartsPerMonth)} cold starts x ${inputs.parametersPerColdStart} SecureString reads = ${n(kmsRequests)} KMS Decrypt (aws/ssm) x $${p.kmsUsdPer10kRequests} / 10k beyond the ${n(KMS_FREE_REQUESTS_PER_MONTH)} free; GetParameter of standard parameters: free`,
      usdPerMonth: (Math.max(0, kmsRequests - freeKms) / 1e4) * p.kmsUsdPer10kRequests,
    },
  ];
  return { lines, totalUsd: lines.reduce((sum, l) => sum + l.usdPerMonth, 0) };
}
