/**
 * Read API ports with nothing stored yet (no snapshot, no signal, no history): for router and
 * server tests that look at routing, refusals and the routes that need no stored data.
 */
import type { ApiPorts } from '../../shared/api/ports';

export const EMPTY_API_PORTS: ApiPorts = {
  latest: {
    latestProfitability: async () => undefined,
    snapshot: async () => undefined,
    latestSnapshot: async () => undefined,
  },
  signals: { states: async () => [], recentEvents: async () => [] },
  history: { daysBetween: async () => [] },
  globalFleetPoolFeeFraction: 0.02,
};
