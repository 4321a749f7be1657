/**
 * Issue #29, pending signals in the read API and the status view: a state waiting out its dwell is
 * served with what it will do and when (GET /v1/signals' pendingCommit, through the router as the
 * Function URL and the local server run it), and the status view lists it with its figures.
 */
import { describe, expect, it } from 'vitest';
import { createApiRouter } from '../../../shared/api/router';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { initialSignalState, type SignalState } from '../../../shared/domain/signals/signalState';
import { formatStatus } from '../../../local/run/statusView';
import { pendingCommit } from '../../../shared/domain/signals/pendingCommit';
import { EMPTY_API_PORTS } from '../../support/emptyApiPorts';

const config = parseComputeConfig({ signals: { 'hash-ribbon-capitulation': { raiseDwellHours: 48 } } });
const building: SignalState = {
  ...initialSignalState('hash-ribbon-capitulation', ''),
  pending: { direction: 'up', since: '2026-02-10T23:59:59.999Z' },
  evaluatedAt: '2026-02-11T23:59:59.999Z',
  lastEvidence: { values: { sma30Ehs: 951.2, sma60Ehs: 968.4, label: 'x' }, thresholds: { crossBelowPct: 0 } },
};
const calm = initialSignalState('price-level', '74500');

async function signalsBody(withConfig: boolean) {
  const router = createApiRouter({
    ...EMPTY_API_PORTS,
    signals: { states: async () => [building, calm], recentEvents: async () => [] },
    ...(withConfig ? { signalsConfig: config.signals } : {}),
  });
  const answer = await router({ method: 'GET', path: '/v1/signals', query: {} });
  expect(answer.statusCode).toBe(200);
  return JSON.parse(answer.body) as { signals: Array<SignalState & { pendingCommit?: unknown }> };
}

describe('pending signals', () => {
  it('GET /v1/signals: the change, since when, the dwell and when it commits if it keeps holding', async () => {
    const body = await signalsBody(true);
    const ribbon = body.signals.find((s) => s.signal === 'hash-ribbon-capitulation')!;
    expect(ribbon.pendingCommit).toEqual({
      change: 'raise',
      since: '2026-02-10T23:59:59.999Z',
      dwellHours: 48,
      commitsAt: '2026-02-12T23:59:59.999Z',
    });
    // Its current figures against the thresholds are the state's lastEvidence, served as stored.
    expect(ribbon.lastEvidence).toEqual(building.lastEvidence);
    expect(body.signals.find((s) => s.signal === 'price-level')).not.toHaveProperty('pendingCommit');
    // Without the signals' config (no dwell known), the stored pending alone.
    const bare = await signalsBody(false);
    expect(bare.signals.find((s) => s.signal === 'hash-ribbon-capitulation')).not.toHaveProperty('pendingCommit');
  });

  it('the status view lists what is building up, with its numbers against the thresholds', () => {
    const lines = formatStatus({
      cycle: 1,
      now: new Date('2026-02-11T23:59:59.999Z'),
      snapshotAt: '2026-02-11T23:50:00.000Z',
      btcPriceUsd: 68_000,
      difficulty: 141.67e12,
      hashrateHps: 847e18,
      hashpriceUsdPerPhDay: 30,
      hashpriceBtcPerPhDay: 0.00044,
      estimatedChangePct: -14.3,
      epochProgressPct: 56,
      machines: [],
      fleetShareNegative: 0.1,
      fleets: [],
      activeSignals: [],
      pendingSignals: [
        {
          signal: building.signal,
          subject: '',
          commit: pendingCommit(building, config.signals['hash-ribbon-capitulation'])!,
          evidence: building.lastEvidence,
        },
      ],
      eventsThisCycle: 0,
    });
    const at = lines.indexOf('  Building up (1):');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '    raise    hash-ribbon-capitulation: holds since 2026-02-10 23:59, commits 2026-02-12 23:59 if it keeps holding (48 h)',
      '             now sma30Ehs 951.2, sma60Ehs 968.4; thresholds crossBelowPct 0',
    ]);
  });
});
