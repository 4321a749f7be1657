/**
 * The local API server (`npm start -- --api-port`) as the local run wires it: the calculator's own
 * Function URL handler and the read API router over the given ports, on 127.0.0.1 at a free port.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createCalculatorHandler, type FunctionUrlAnswer } from '../../functions/calculator/calculatorHandler';
import { startApiServer, type ApiServer, type ApiServerOptions } from '../../local/run/apiServer';
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
    api: createApiRouter(ports),
    logger: new Logger({ serviceName: SERVICE_NAMES.calculator, logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator }),
  });
  const context = lambdaContext('hashwatch-calculator-local');
  return startApiServer({
    port: 0,
    handler: async (event) => (await handler(event, context)) as FunctionUrlAnswer,
    ...options,
  });
}
