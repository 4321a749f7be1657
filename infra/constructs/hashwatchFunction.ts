/**
 * The one way Hashwatch builds a Lambda function: the house defaults live here (Node 24 on ARM64,
 * ESM, minified, source maps, an explicit log group with retention, a role of its own without
 * the broad AWSLambdaBasicExecutionRole managed policy), and the bind helpers grant exactly the
 * actions a function needs, on exactly one resource, and set the matching environment variable.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../shared/observability/metrics';
import { BUNDLE_OPTIONS } from './bundleOptions';
import { LOG_WRITE_ACTIONS, TOPIC_KEY_ACTIONS, TOPIC_PUBLISH_ACTIONS } from './functionGrants';

export interface HashwatchFunctionProps {
  /** Path of the handler file (exports `handler`). */
  entry: string;
  description: string;
  /** Value of POWERTOOLS_SERVICE_NAME (the `service` metric dimension). */
  serviceName: string;
  /**
   * Whether the code emits custom metrics (Powertools Metrics, which reads POWERTOOLS_METRICS_NAMESPACE);
   * default true. A function without any gets no namespace variable it would never read.
   */
  emitsMetrics?: boolean;
  logRetentionDays: logs.RetentionDays;
  memorySize?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
  /** Concurrent executions reserved for (and the most allowed to) this function; default: none. */
  reservedConcurrentExecutions?: number;
  /** Escape hatch for tests and special cases; the defaults above are the point of this class. */
  overrides?: Partial<NodejsFunctionProps>;
}

export class HashwatchFunction extends NodejsFunction {
  readonly logGroupResource: logs.LogGroup;
  readonly executionRole: iam.Role;

  constructor(scope: Construct, id: string, props: HashwatchFunctionProps) {
    // The log group and role exist before the function so that the function can name them.
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetentionDays,
      // Logs outlive a `cdk destroy` by design (they explain what happened); retention bounds them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the Hashwatch ${props.serviceName} function`,
    });
    // Exactly what the Lambda runtime needs to write logs, on this function's log group only
    // (instead of the managed policy, which grants logs:* actions on every log group).
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: [...LOG_WRITE_ACTIONS],
        resources: [logGroup.logGroupArn],
      }),
    );

    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      logGroup,
      role,
      loggingFormat: lambda.LoggingFormat.JSON,
      // Active tracing: Lambda records each invocation's segments (init, invoke, overhead) in X-Ray
      // at no code cost. (No Tracer library: the SDK calls would show as subsegments, for a longer
      // cold start.)
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        ...(props.emitsMetrics === false ? {} : { POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE }),
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE_OPTIONS.target,
        minify: BUNDLE_OPTIONS.minify,
        sourceMap: BUNDLE_OPTIONS.sourceMap,
        sourcesContent: BUNDLE_OPTIONS.sourcesContent,
        banner: BUNDLE_OPTIONS.banner,
        mainFields: [...BUNDLE_OPTIONS.mainFields],
        loader: { ...BUNDLE_OPTIONS.loader },
        esbuildArgs: { '--conditions': BUNDLE_OPTIONS.conditions.join(',') },
        // Bundle the AWS SDK too: a pinned, tree-shaken version instead of whatever the runtime ships.
        externalModules: [],
      },
      ...props.overrides,
    });
    this.logGroupResource = logGroup;
    this.executionRole = role;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "Only X-Ray's PutTraceSegments and PutTelemetryRecords, which active tracing needs and which support no resource-level permissions (X-Ray has no resource ARNs for them); every other statement of this role names its one resource.",
    });
  }

  /**
   * Sets TABLE_NAME and grants `actions` (the function's list in functionGrants.ts: what its code
   * sends) on the table itself (it has no indexes).
   */
  bindTable(table: ITableV2, actions: readonly string[], conditions?: Record<string, unknown>): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    this.executionRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: [table.tableArn],
        ...(conditions ? { conditions } : {}),
      }),
    );
    return this;
  }

  /** Sets TOPIC_ARN and grants sns:Publish on the topic (and the data-key actions on its key). */
  bindTopic(topic: sns.ITopic, key?: kms.IKey): this {
    this.addEnvironment('TOPIC_ARN', topic.topicArn);
    this.executionRole.addToPolicy(
      new iam.PolicyStatement({ actions: [...TOPIC_PUBLISH_ACTIONS], resources: [topic.topicArn] }),
    );
    if (key) {
      this.executionRole.addToPolicy(
        new iam.PolicyStatement({ actions: [...TOPIC_KEY_ACTIONS], resources: [key.keyArn] }),
      );
    }
    return this;
  }
}
