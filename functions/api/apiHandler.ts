/**
 * The read API function's handler (GET /v1/latest, /v1/signals, /v1/history, /v1/sites,
 * /v1/miners, /v1/sites/{id}/curtailment), built from its dependencies: handler.ts wires the real
 * ones from the environment; the tests and the local run pass their own, same code path. The routes
 * and the answers' one error shape are shared/api (router.ts, apiResponse.ts), which the calculator
 * uses as well. Its way in is the IAM-authorized Function URL, or a direct invoke whose payload is
 * such a Function URL event (docs/api.md); anything else (another path, another event) is answered
 * 404 in that error shape.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { ApiErrorCode, echo, errorResponse } from '../../shared/api/apiResponse';
import { apiRequestFromFunctionUrl } from '../../shared/api/functionUrl';
import { API_PATH_TEMPLATES, API_PATHS, isApiPath, type ApiRouter } from '../../shared/api/router';
import { DeadlineExceededError, requestDeadlineMs, withinDeadline } from '../../shared/async/requestDeadline';
import { CALCULATOR_METRICS } from '../../shared/observability/metrics';
import { finishedAnswer, isFunctionUrlEvent, type FunctionUrlAnswer } from '../http/functionUrl';

export interface ApiHandlerOptions {
  /** The routes over the table; absent without a table (every request answers that it is not configured). */
  api: ApiRouter | undefined;
  logger: Logger;
  metrics: Metrics;
}

export type ApiHandler = (event: unknown, context: Context) => Promise<FunctionUrlAnswer>;

export function createApiHandler({ api, logger, metrics }: ApiHandlerOptions): ApiHandler {
  /**
   * The one failure metric of the HTTP functions, CalculatorFailed (0 or 1 per request, under the
   * calculator's service: SERVICE_NAMES.api says why): our own faults answer 500 and never show in
   * the function's Errors.
   */
  const failed = (yes: boolean) =>
    metrics.addMetric(CALCULATOR_METRICS.calculatorFailed, MetricUnit.Count, yes ? 1 : 0);

  async function fromFunctionUrl(event: LambdaFunctionURLEvent, deadlineMs: number): Promise<FunctionUrlAnswer> {
    const request = apiRequestFromFunctionUrl(event);
    if (!api) {
      logger.error('read API has no table', { path: request.path });
      failed(true);
      return errorResponse(ApiErrorCode.Internal, 'The read API is not configured (no table).');
    }
    const started = performance.now();
    try {
      const answer = await withinDeadline(deadlineMs, () => api(request));
      failed(false);
      logger.info('api request', { path: request.path, method: request.method, statusCode: answer.statusCode });
      return answer;
    } catch (error) {
      const elapsedMs = Math.round(performance.now() - started);
      logger.error('api request failed', { path: request.path, deadlineMs, elapsedMs, error: error as Error });
      failed(true);
      if (error instanceof DeadlineExceededError)
        return errorResponse(
          ApiErrorCode.Unavailable,
          `The table did not answer within the request's ${deadlineMs} ms deadline; retry later.`,
        );
      return errorResponse(ApiErrorCode.Internal, 'The read API failed unexpectedly; retry later.');
    }
  }

  function unknownRoute(path: string): FunctionUrlAnswer {
    failed(false);
    return errorResponse(
      ApiErrorCode.NotFound,
      `No route ${echo(path)}. Routes: GET ${[...API_PATHS, ...API_PATH_TEMPLATES].join(', GET ')} read the stored state; POST / (pricing) is the calculator's URL.`,
      [{ field: '', problem: `path ${echo(path)} is unknown` }],
    );
  }

  /**
   * The request's deadline (shared/async/requestDeadline.ts) is below the function's remaining
   * time: a stalled table is answered with the documented JSON error, never a Lambda timeout.
   */
  async function apiHandler(event: unknown, context: Context): Promise<FunctionUrlAnswer> {
    const deadlineMs = requestDeadlineMs(context.getRemainingTimeInMillis());
    const answer = !isFunctionUrlEvent(event)
      ? unknownRoute('(direct invoke)')
      : isApiPath(event.rawPath ?? '/')
        ? await fromFunctionUrl(event, deadlineMs)
        : unknownRoute(event.rawPath ?? '/');
    // The security headers, and our own faults as a generic message with the error id (the calculator's).
    return finishedAnswer(answer, context.awsRequestId);
  }

  return middy(apiHandler).use(injectLambdaContext(logger)).use(logMetrics(metrics)) as unknown as ApiHandler;
}
