/**
 * The local API server (`npm start -- --api-port`) as the local run wires it: the calculator's and
 * the api function's own Function URL handlers (the read API router over the given ports), on 127.0.0.1 at a free port.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createCalculatorHandler, type FunctionUrlAnswer } from '../../functions/calculator/calculatorHandler';
import { createApiHandler } from '../../functions/api/apiHandler';
import { bothFunctionUrls, startApiServer, type ApiServer, type ApiServerOptions } from '../../local/run/apiServer';
import type { ApiPorts } from '../../shared/api/ports';
import { createApiRouter } from '../../shared/api/router';
import { catalogModelLookup } from '../../shared/calculator/catalog';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { lambdaContext } from './lambdaContext';

export function startLocalApiServer(
  ports: ApiPorts,
  options: Pick<ApiServerOptions, 'sigv4'> = {},
): Promise<ApiServer> {
  const handler = createCalculatorHandler({
    deps: { lookupModel: catalogModelLookup(), snapshots: undefined, now: () => new Date() },
    logger: new Logger({ serviceName: SERVICE_NAMES.calculator, logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator }),
  });
  const api = createApiHandler({
    api: createApiRouter(ports),
    logger: new Logger({ serviceName: SERVICE_NAMES.api, logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.api }),
  });
  const context = lambdaContext('hashwatch-local');
  return startApiServer({
    port: 0,
    handler: bothFunctionUrls({
      calculator: async (event) => (await handler(event, context)) as FunctionUrlAnswer,
      api: (event) => api(event, context),
    }),
    ...options,
  });
}
