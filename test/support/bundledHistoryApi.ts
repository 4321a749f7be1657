/**
 * The read API's router over the bundled daily history (no table): what `/v1/history` answers for
 * days the code ships with, for tests of its names, rows and currencies.
 */
import type { ApiPorts } from '../../shared/api/ports';
import { createApiRouter } from '../../shared/api/router';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { EMPTY_API_PORTS } from './emptyApiPorts';

const history = loadDailyHistory();
const ports: ApiPorts = {
  ...EMPTY_API_PORTS,
  history: {
    daysBetween: async (from, to, limit) => history.filter((d) => d.date >= from && d.date <= to).slice(0, limit),
  },
};
const route = createApiRouter(ports);

/** GET /v1/history with `query`, answered from the bundled history. */
export const getBundledHistory = (query: Record<string, string>) =>
  route({ method: 'GET', path: '/v1/history', query });
