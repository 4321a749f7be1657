/**
 * The calculator: a read-only function for what-if pricing, invoked directly (`aws lambda invoke`)
 * or through its Function URL, which requires SigV4-signed requests (AWS_IAM auth). The read API
 * (GET /v1/...) is its own function beside it (api.ts).
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SERVICE_NAMES } from '../../shared/observability/metrics';
import { TABLE_ACTIONS } from './functionGrants';
import { iamFunctionUrl } from './functionUrlAccess';
import { HashwatchFunction } from './hashwatchFunction';

/**
 * The calculator's memory, MB: one full vCPU (Lambda gives CPU in proportion to memory, 1,769 MB
 * being one vCPU). Its largest accepted request, a 10,000-path two-year Monte Carlo projection
 * (MAX_PROJECTION_PATH_DAYS), takes about 1.5 s of a full core; at the 256 MB default (about 0.15 of
 * a vCPU) that was about 10 s, the function's whole timeout. Billing is per GB-second, so a
 * CPU-bound request costs about the same at either size (it finishes faster); the small requests
 * (one fleet, a few ms of CPU) cost at most a few millionths of a dollar more each.
 * `npm run bench -- projection` checks the largest request against this size and the timeout,
 * both read from the synthesized template.
 */
export const CALCULATOR_MEMORY_MB = 1769;

export interface CalculatorProps {
  entry: string;
  table: dynamodb.ITableV2;
  /** Concurrent executions reserved for it, and its ceiling; false: none (shares the account's pool). */
  reservedConcurrency: number | false;
  logRetentionDays: logs.RetentionDays;
  /** Who may invoke it; default: IAM principals of this account whose own policies allow it. */
  invokerPrincipalArns?: readonly string[];
}

export class HashwatchCalculator extends Construct {
  readonly function: HashwatchFunction;
  readonly functionUrl: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: CalculatorProps) {
    super(scope, id);
    this.function = new HashwatchFunction(this, 'Function', {
      entry: props.entry,
      description: 'Hashwatch calculator: prices a machine, fleet or scenario on the latest network data',
      serviceName: SERVICE_NAMES.calculator,
      logRetentionDays: props.logRetentionDays,
      timeout: Duration.seconds(10),
      memorySize: CALCULATOR_MEMORY_MB,
      // A ceiling on what callers can take: however many requests arrive, ingest and compute keep
      // the rest of the account's concurrency (excess calls are throttled: HTTP 429 on the URL).
      reservedConcurrentExecutions: props.reservedConcurrency === false ? undefined : props.reservedConcurrency,
    }).bindTable(props.table, TABLE_ACTIONS.calculator);

    this.functionUrl = iamFunctionUrl(this.function, props.invokerPrincipalArns);
  }
}
