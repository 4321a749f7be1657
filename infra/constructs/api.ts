/**
 * The read API (GET /v1/latest, /v1/signals, /v1/history, /v1/sites, /v1/miners,
 * /v1/sites/{id}/curtailment): its own function beside the calculator, with read-only grants on the
 * table (what its routes send: TABLE_ACTIONS.api) and its own Function URL, which requires
 * SigV4-signed requests (AWS_IAM auth), callable by the same principals as the calculator's
 * (`calculator.invokerPrincipalArns`), who may also invoke it directly with a Function URL event
 * as the payload (`aws lambda invoke`, docs/api.md).
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SERVICE_NAMES } from '../../shared/observability/metrics';
import { assertConfigEnvironmentFits } from './functionEntries';
import { TABLE_ACTIONS } from './functionGrants';
import { iamFunctionUrl } from './functionUrlAccess';
import { HashwatchFunction } from './hashwatchFunction';

/**
 * The read API's memory, MB: its requests are a few Queries and a little arithmetic (a year of
 * daily rows at most), milliseconds of CPU; 1,024 MB keeps the cold start (the bundle's parse)
 * short without the calculator's full vCPU, which only its Monte Carlo projections need.
 */
export const API_MEMORY_MB = 1024;

export interface ReadApiProps {
  entry: string;
  table: dynamodb.ITableV2;
  /** The compute config: past days' fleet share (its pool fee), the owner's sites, the curtailment sites. */
  computeConfig: Record<string, unknown>;
  logRetentionDays: logs.RetentionDays;
  /** Who may invoke it (the calculator's invokers); default: IAM principals of this account whose own policies allow it. */
  invokerPrincipalArns?: readonly string[];
}

export class HashwatchReadApi extends Construct {
  readonly function: HashwatchFunction;
  readonly functionUrl: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: ReadApiProps) {
    super(scope, id);
    const configEnvironment = { HASHWATCH_COMPUTE_CONFIG: JSON.stringify(props.computeConfig) };
    assertConfigEnvironmentFits('api', configEnvironment);
    this.function = new HashwatchFunction(this, 'Function', {
      entry: props.entry,
      description: 'Hashwatch api: the read API (GET /v1/...) over the stored state, read-only',
      serviceName: SERVICE_NAMES.api,
      logRetentionDays: props.logRetentionDays,
      timeout: Duration.seconds(10),
      memorySize: API_MEMORY_MB,
      environment: configEnvironment,
    }).bindTable(props.table, TABLE_ACTIONS.api);

    this.functionUrl = iamFunctionUrl(this.function, props.invokerPrincipalArns);
  }
}
