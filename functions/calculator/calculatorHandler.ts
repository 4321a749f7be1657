/**
 * The calculator function's handler, built from its dependencies (handler.ts wires the real ones
 * from the environment; the tests, the bench and the CLI's checks pass their own, same code path).
 * It prices a machine, a fleet or a scenario on demand (the read API, GET /v1/..., is its own
 * function: functions/api). One handler serves both ways in: a direct invoke (the event is the
 * request JSON, the answer is the response or error object) and the IAM-authorized Function URL (the request is the POST body, maybe base64; the
 * answer is HTTP 200 with the response, 400 with the error for a caller's mistake, 500 for ours).
 * The work is shared/calculator (the CLI runs the same code). A caller's mistake is logged at info,
 * never at error: error level is kept for our own faults.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { finishedAnswer, isFunctionUrlEvent, type FunctionUrlAnswer } from '../http/functionUrl';
import {
  calculate,
  calculateFromText,
  type CalculatorDeps,
  type CalculatorResult,
} from '../../shared/calculator/calculate';
import {
  CalculatorErrorCode,
  calculatorError,
  isCalculatorError,
  isClientError,
  withoutInternalDetail,
} from '../../shared/calculator/errors';
import { MAX_REQUEST_BYTES } from '../../shared/calculator/request';
import { ApiErrorCode, echo, errorResponse } from '../../shared/api/apiResponse';
import { requestDeadlineMs, withinDeadline } from '../../shared/async/requestDeadline';
import { CALCULATOR_METRICS } from '../../shared/observability/metrics';

export type { FunctionUrlAnswer } from '../http/functionUrl';

export interface CalculatorHandlerOptions {
  deps: CalculatorDeps;
  logger: Logger;
  metrics: Metrics;
}

export type CalculatorHandler = (event: unknown, context: Context) => Promise<CalculatorResult | FunctionUrlAnswer>;

export function createCalculatorHandler({ deps, logger, metrics }: CalculatorHandlerOptions): CalculatorHandler {
  /**
   * One metric, CalculatorFailed (0 or 1 on every request): our own faults answer 500 and never show
   * in the function's Errors. Priced and rejected requests are counted from the log lines below
   * (Lambda's free Invocations metric counts them all); see shared/observability/metrics.ts.
   */
  function record(result: CalculatorResult, via: 'invoke' | 'url'): void {
    const failed = isCalculatorError(result) && !isClientError(result);
    metrics.addMetric(CALCULATOR_METRICS.calculatorFailed, MetricUnit.Count, failed ? 1 : 0);
    if (isCalculatorError(result)) {
      const { code, issues } = result.error;
      if (isClientError(result)) logger.info('request rejected', { via, code, fields: issues.map((i) => i.field) });
      // `detail`, not `message`: Powertools reserves that key and would drop it.
      else logger.error('calculator failed', { via, code, detail: result.error.message });
      return;
    }
    logger.info('request priced', {
      via,
      machineLines: result.machines.length,
      hashpriceUsdPerPhDay: result.market.hashpriceUsdPerPhDay,
      scenarioDays: result.scenario?.horizonDays ?? 0,
    });
  }

  function httpAnswer(result: CalculatorResult, statusWhenError?: number): FunctionUrlAnswer {
    const statusCode = isCalculatorError(result) ? (statusWhenError ?? (isClientError(result) ? 400 : 500)) : 200;
    return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  }

  async function fromFunctionUrl(event: LambdaFunctionURLEvent, deadlineMs: number): Promise<FunctionUrlAnswer> {
    // GET /v1/... included: the read API is the api function's own URL (docs/deploy.md, upgrading).
    if ((event.rawPath ?? '/') !== '/') {
      metrics.addMetric(CALCULATOR_METRICS.calculatorFailed, MetricUnit.Count, 0);
      return errorResponse(
        ApiErrorCode.NotFound,
        `No route ${echo(event.rawPath)}. Routes: POST / prices a fleet; the read API (GET /v1/...) is the api function's URL (stack output ApiUrl).`,
        [{ field: '', problem: `path ${echo(event.rawPath)} is unknown` }],
      );
    }
    const method = event.requestContext?.http?.method ?? 'POST';
    if (method !== 'POST') {
      const error = calculatorError(
        CalculatorErrorCode.MethodNotAllowed,
        `Use POST with the request JSON as the body (got ${echo(method)}).`,
        [{ field: '', problem: `method ${echo(method)} is not allowed; POST the request` }],
      );
      record(error, 'url');
      return { ...httpAnswer(error, 405), headers: { 'content-type': 'application/json', allow: 'POST' } };
    }
    const raw = event.body ?? '';
    // A base64 body is a third larger than its bytes: refuse an oversized one before decoding it.
    if (raw.length > (MAX_REQUEST_BYTES * 4) / 3 + 4) {
      const error = calculatorError(
        CalculatorErrorCode.PayloadTooLarge,
        `The request is larger than ${MAX_REQUEST_BYTES} bytes.`,
        [{ field: '', problem: `is larger than ${MAX_REQUEST_BYTES} bytes` }],
      );
      record(error, 'url');
      return httpAnswer(error);
    }
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    if (text.trim() === '') {
      const error = calculatorError(
        CalculatorErrorCode.InvalidRequest,
        'The request body is empty: POST the request JSON.',
        [{ field: '', problem: 'is empty' }],
      );
      record(error, 'url');
      return httpAnswer(error);
    }
    const result = await withinDeadline(deadlineMs, () => calculateFromText(text, deps));
    record(result, 'url');
    return httpAnswer(result);
  }

  /**
   * The request's deadline (shared/async/requestDeadline.ts) is below the function's remaining
   * time: a stalled table is answered with the documented JSON error, never a Lambda timeout.
   */
  async function answer(event: unknown, context: Context): Promise<CalculatorResult | FunctionUrlAnswer> {
    const deadlineMs = requestDeadlineMs(context.getRemainingTimeInMillis());
    try {
      if (isFunctionUrlEvent(event)) return await fromFunctionUrl(event, deadlineMs);
      const result = await withinDeadline(deadlineMs, () => calculate(event, deps));
      record(result, 'invoke');
      return result;
    } catch (error) {
      // calculate() does not throw; this guards the wiring itself (logging, metrics).
      logger.error('calculator handler failed', { error: error as Error });
      metrics.addMetric(CALCULATOR_METRICS.calculatorFailed, MetricUnit.Count, 1);
      const failure = calculatorError(CalculatorErrorCode.Internal, 'The calculator failed unexpectedly.');
      return isFunctionUrlEvent(event) ? httpAnswer(failure) : failure;
    }
  }

  /**
   * Our own faults leave the function as a generic message with an error id, the invocation's
   * request id, which every log line of the invocation carries (`function_request_id`): the detail
   * was logged above, and is found by that id (finishedAnswer does the same for an HTTP answer).
   */
  async function calculatorHandler(event: unknown, context: Context): Promise<CalculatorResult | FunctionUrlAnswer> {
    const result = await answer(event, context);
    if (isCalculatorError(result)) return withoutInternalDetail(result, context.awsRequestId);
    return 'statusCode' in result ? finishedAnswer(result, context.awsRequestId) : result;
  }

  return middy(calculatorHandler)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics)) as unknown as CalculatorHandler;
}
