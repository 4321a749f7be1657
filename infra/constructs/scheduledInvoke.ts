/**
 * An EventBridge Scheduler schedule that invokes one function with an explicit payload (without
 * one, Scheduler sends an unspecified "default notification"), undeliverable invocations to a DLQ,
 * and the function's own asynchronous-invoke settings: a scheduled run that errors is never retried
 * by Lambda and no older than one interval, because the next run supersedes it. Also the cdk-nag
 * acknowledgements this needs: the target role may invoke the function's versions and aliases
 * (`<function ARN>:*`, added by grantInvoke), which is still that one function; and the function
 * has no DLQ or async failure destination, for the reason the caller gives.
 */
import { Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Lambda's limit on the age of an asynchronous event. */
const MAX_ASYNC_EVENT_AGE_MINUTES = 360;

export interface ScheduledInvokeProps {
  fn: lambda.IFunction & { node: Construct['node'] };
  /** What the function is, for the acknowledgement's reason ("the ingest function"). */
  functionRole: string;
  description: string;
  rateMinutes: number;
  input: Record<string, unknown>;
  retryAttempts: number;
  /** An invocation older than this is superseded by the next one. */
  maxEventAgeMinutes: number;
  deadLetterQueue: sqs.IQueue;
  /** Why a failed asynchronous run needs no DLQ or failure destination, for cdk-nag. */
  noFailureQueueReason: string;
}

export function scheduledInvoke(scope: Construct, id: string, props: ScheduledInvokeProps): scheduler.Schedule {
  props.fn.configureAsyncInvoke({
    retryAttempts: 0,
    maxEventAge: Duration.minutes(Math.min(props.rateMinutes, MAX_ASYNC_EVENT_AGE_MINUTES)),
  });
  Validations.of(props.fn).acknowledge({ id: 'Serverless-LambdaDLQ', reason: props.noFailureQueueReason });
  Validations.of(props.fn).acknowledge({
    id: 'Serverless-LambdaAsyncFailureDestination',
    reason: props.noFailureQueueReason,
  });
  const schedule = additionalSchedule(scope, id, props);
  const stack = Stack.of(scope);
  const functionLogicalId = stack.getLogicalId(props.fn.node.defaultChild as CfnElement);
  Validations.of(stack).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
    reason: `The EventBridge Scheduler target role may invoke ${props.functionRole}'s versions and aliases (\`<function ARN>:*\`, added by grantInvoke); that is one function, not a wildcard over others.`,
  });
  return schedule;
}

/**
 * A further schedule on a function scheduledInvoke has already set up (its asynchronous-invoke
 * settings are the function's, configured once, by the first schedule): another rate and payload,
 * the same retries and DLQ (the ingest's tip watch beside its interval cycle). The target role is the
 * one the first schedule made (CDK keeps one per function), and so is its acknowledgement.
 */
export function additionalSchedule(
  scope: Construct,
  id: string,
  props: Omit<ScheduledInvokeProps, 'noFailureQueueReason' | 'functionRole'>,
): scheduler.Schedule {
  const schedule = new scheduler.Schedule(scope, id, {
    description: props.description,
    schedule: scheduler.ScheduleExpression.rate(Duration.minutes(props.rateMinutes)),
    timeWindow: scheduler.TimeWindow.off(),
    target: new targets.LambdaInvoke(props.fn, {
      input: scheduler.ScheduleTargetInput.fromObject(props.input),
      retryAttempts: props.retryAttempts,
      maxEventAge: Duration.minutes(props.maxEventAgeMinutes),
      deadLetterQueue: props.deadLetterQueue,
    }),
  });
  return schedule;
}
