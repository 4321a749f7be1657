import { describe, expect, it } from 'vitest';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { buildSnsMessage } from '../../../shared/adapters/sns/snsMessage';
import { evaluateSignals, signalEventSchema, signalEventId, type SignalEvent } from '../../../shared/domain/signals';
import type { SignalInput } from '../../../shared/domain/signals/signalInput';

const noDwell = { raiseDwellHours: 0 };
const config = parseComputeConfig({
  signals: { 'fleet-break-even-breach': noDwell, 'production-cost-above-price': noDwell, 'price-level': noDwell },
}).signals;

function raisedEvents(): SignalEvent[] {
  const input: SignalInput = {
    decidedAt: '2026-02-06T12:00:00.000Z',
    btcPriceUsd: 70_000,
    difficulty: {
      negativeStreak: 3,
      previousNegativeStreak: 0,
      streakChangesPct: [-1.20456, -3.280111, -11.155311],
      lastChangePct: -11.155311,
      lastEpoch: 464,
      lastAdjustmentAt: '2026-02-07T00:00:00.000Z',
    },
    projectedAdjustment: undefined,
    hashprice: undefined,
    hashRibbon: undefined,
    fleetShareNegativePct: undefined,
    fleets: [
      {
        name: 'A very long fleet name that goes on and on',
        revenueUsdPerDay: 406,
        powerCostUsdPerDay: 447.888,
        hostingOpexUsdPerDay: 0,
        profitUsdPerDay: -41.888,
        powerPriceUsdPerKwh: 0.062,
        breakEvenPowerPriceUsdPerKwh: 0.0562,
        cashCostUsdPerBtc: 77_000,
        allInCostUsdPerBtc: 95_000,
      },
    ],
  };
  return evaluateSignals(input, new Map(), config).events;
}

describe('SNS message of an event', () => {
  it('carries the JSON document for machines, a readable e-mail, a short subject and the filter attributes', () => {
    const events = raisedEvents();
    expect(events.map((e) => [e.signal, e.transition, e.severity])).toEqual([
      ['difficulty-negative-streak', 'raised', 'critical'],
      ['fleet-break-even-breach', 'raised', 'critical'],
      ['production-cost-above-price', 'raised', 'critical'],
      ['price-level', 'raised', 'warning'],
    ]);
    for (const event of events) {
      const message = buildSnsMessage(event);
      expect(message.MessageStructure).toBe('json');
      expect(message.Subject.length).toBeLessThan(100);
      expect(message.Subject.startsWith('[Hashwatch] ')).toBe(true);
      expect(message.MessageAttributes).toEqual({
        signal: { DataType: 'String', StringValue: event.signal },
        severity: { DataType: 'String', StringValue: event.severity },
        transition: { DataType: 'String', StringValue: event.transition },
      });
      const body = JSON.parse(message.Message) as Record<string, string>;
      expect(Object.keys(body).sort()).toEqual(['default', 'email', 'https', 'lambda', 'sqs']);
      for (const protocol of ['default', 'https', 'sqs', 'lambda']) {
        expect(signalEventSchema.parse(JSON.parse(body[protocol]!))).toEqual(event);
      }
      expect(body.email).toContain(event.title);
      expect(body.email).toContain(`Event id: ${event.id}`);
      expect(event.id).toBe(signalEventId(event.signal, event.subject, event.transition, '2026-02-06T12:00:00Z'));
    }
  });

  it('words the numbers for a miner', () => {
    const [streak, breach] = raisedEvents();
    const streakMail = JSON.parse(buildSnsMessage(streak!).Message).email as string;
    expect(buildSnsMessage(streak!).Subject).toBe(
      '[Hashwatch] CRITICAL: 3rd consecutive negative difficulty adjustment (-11.16%)',
    );
    expect(streakMail).toContain('- Adjustments in the streak: -1.20%, -3.28%, -11.16%');
    // (1 - 0.0120456)(1 - 0.03280111)(1 - 0.11155311) - 1 = -15.10%
    expect(streakMail).toContain('Cumulative change over the streak: -15.10%');
    const breachMessage = buildSnsMessage(breach!);
    // Long fleet names are cut to keep the subject under SNS's 100 characters.
    expect(breachMessage.Subject).toMatch(/^\[Hashwatch\] CRITICAL: Fleet A very long fleet name/);
    expect(breachMessage.Subject.length).toBeLessThanOrEqual(99);
    const breachMail = JSON.parse(breachMessage.Message).email as string;
    expect(breachMail).toContain('Your power price 6.20 c/kWh; break-even 5.62 c/kWh');
    expect(breachMail).toContain('Profit -$42/day (margin -10.3%)');
  });
});
