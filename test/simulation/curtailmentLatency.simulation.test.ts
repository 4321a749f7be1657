/**
 * The sites' decision in simulated time (local/sim/curtailmentLatency.ts): the reconstructed
 * August 2023 ERCOT heat event's real-time path, posted a seeded few minutes after each interval,
 * ingested every 5 minutes, with a snapshot every 10 and every third stream batch delivered twice,
 * the compute under its deployed role. Both classes are curtailed when the price jumps to
 * $3,200/MWh; when it falls back to $100 the S21s resume and the S19j Pros, whose strike is near
 * $94/MWh, rest on. Each event is published once, within one price interval of the price that
 * caused it. (`npm run bench` runs the week of Winter Storm Uri too.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoLocal, type DynamoLocal } from '../../local/devtools/dynamoLocal';
import { simulateCurtailmentLatency, SIM_SITE } from '../../local/sim/curtailmentLatency';
import { attachDeployedRole } from '../support/simulationRoles';

describe('site curtailment in simulated time', () => {
  let local: DynamoLocal;
  beforeAll(async () => {
    local = await startDynamoLocal();
  });
  afterAll(async () => local?.stop());

  it('curtails at the heat peak and resumes after it, once each, within one interval of the price', async () => {
    const run = await simulateCurtailmentLatency({
      dynamoEndpoint: local.endpoint,
      powerEventId: 'heat-2023-08-17',
      seed: 7,
      redeliverEvery: 3,
      attachRole: attachDeployedRole,
    });
    expect(run.duplicatePublishes).toBe(0);
    expect(run.decisions.map((d) => [d.event.signal, d.event.subject]).sort()).toEqual([
      ['site-curtail', `${SIM_SITE}/Antminer S19j Pro`],
      ['site-curtail', `${SIM_SITE}/Antminer S21`],
      ['site-resume', `${SIM_SITE}/Antminer S21`],
    ]);
    // The S19j Pro (29.5 J/TH) earns about $94/MWh at August 2023's hashprice: the $100 after the
    // peak is inside its dead band (strike - $10 margin), so it rests on; the S21 (~$164) resumes.
    const s19j = run.decisions.find((d) => d.event.subject.endsWith('S19j Pro'))!;
    expect(Number(s19j.event.evidence.values.strikeUsdPerMwh) - 10).toBeLessThan(100);
    // Curtailed on the first $3,200 interval (14:00-14:15 CDT = 19:00Z), resumed on the first $100 one (20:45 CDT).
    for (const d of run.decisions.filter((d) => d.event.signal === 'site-curtail'))
      expect(d.event.evidence.values.priceIntervalStartIso).toBe('2023-08-17T19:00:00.000Z');
    for (const d of run.decisions.filter((d) => d.event.signal === 'site-resume'))
      expect(d.event.evidence.values.priceIntervalStartIso).toBe('2023-08-18T01:45:00.000Z');
    for (const d of run.decisions) {
      expect(d.publishedAtMs).toBeGreaterThanOrEqual(d.causePostedAtMs);
      expect(d.latencyIntervals).toBeLessThanOrEqual(1);
    }
    // 115 simulated rounds take about 15 s on a quiet machine.
  }, 240_000);
});
