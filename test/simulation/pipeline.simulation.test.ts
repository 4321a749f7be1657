/**
 * Issue #15: the whole pipeline over simulated time with faults at the worst moments (local/sim).
 * 20 simulated days, 2025-11-26 to 2025-12-16, cut into five parts of four days (one seed each,
 * two at a time): two retargets, among them 2025-12-11, when epoch 460 began (-0.74 %, the
 * third negative adjustment in a row, so the streak escalates right at the retarget). A dense
 * seeded fault schedule: the cached hashrate endpoint behind the fresh one (or a crash among the
 * ingest's writes) at each retarget, a crash in the compute that commits a transition or a fault
 * right after it, and background faults of every kind (issue #22 adds a revoked grant and a chat
 * channel failing for hours). Every function's clients under its deployed role (the IAM evaluator
 * from the synthesized template); the notifier in the loop, posting to local chat API fakes.
 * Invariants against the fault-free run, delivery to every channel included.
 */
import { describe, expect, it } from 'vitest';
import { useDynamoLocal } from '../support/dynamoTable';
import { FAULT_KINDS, faultSchedule } from '../../local/sim/faultSchedule';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamo/documentClient';
import { CrashSwitch, SimulatedCrash } from '../../local/sim/crashSwitch';
import { soak } from '../../local/sim/soak';
import { startDynamoLocal } from '../../local/devtools/dynamoLocal';
import { attachDeployedRole } from '../support/simulationRoles';

const START = '2025-11-26T00:00:00Z';
/**
 * Since the tip watch (issue #28) a day is 288 cycles, twice the 10-minute cadence's: 20 days keep
 * both retargets and every fault kind (the year-long soak is `npm run bench -- soak`) and keep the
 * test, the suite's longest, within the 15-minute budget of `npm test` on 2 cores.
 */
const DAYS = 20;

describe('pipeline simulation (issue #15)', () => {
  // The crash switch's table; the long run starts a DynamoDB Local for each of its runs.
  const db = useDynamoLocal();

  it('the same seed gives the same fault schedule; another seed another', () => {
    const args = { cycles: 500, retargets: [100, 300], transitions: [50, 120, 400], backgroundEvery: 20 };
    expect(faultSchedule({ seed: 7, ...args })).toEqual(faultSchedule({ seed: 7, ...args }));
    expect(faultSchedule({ seed: 7, ...args })).not.toEqual(faultSchedule({ seed: 8, ...args }));
    const windows = faultSchedule({ seed: 7, ...args });
    // At each retarget the skew or a crash among the ingest's writes; at each transition a crash in
    // the compute that commits it, or a fault in the next cycle.
    expect(['cached-skew', 'crash-ingest']).toContain(windows.find((w) => w.start === 100)?.kind);
    expect(windows.some((w) => w.start === 120 || w.start === 121)).toBe(true);
    for (const w of windows.filter((w) => w.kind.startsWith('crash-'))) expect(w.afterWrites).toBeGreaterThanOrEqual(0);
  });

  it('the crash switch lets the first k writes through, refuses the later ones, then disarms', async () => {
    const { client, tableName } = await db.newTable();
    const crash = new CrashSwitch();
    crash.install(client);
    const doc = documentClient(client);
    const put = (sk: string) => doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'CRASH', sk } }));
    crash.arm(1);
    await put('a');
    expect(crash.dead).toBe(true);
    await expect(put('b')).rejects.toThrow(SimulatedCrash);
    // Reads pass: a dead process sends none, and they change nothing.
    const read = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': 'CRASH' },
      }),
    );
    expect(read.Items?.map((i) => i.sk)).toEqual(['a']);
    expect(crash.refused).toBe(1);
    crash.endInvocation();
    await put('c');
    crash.arm(0);
    expect(crash.dead).toBe(true);
    await expect(put('d')).rejects.toThrow(/died before PutItemCommand/);
  });

  it(
    'keeps every invariant over 20 days with faults at the worst moments',
    async () => {
      const started = performance.now();
      const report = await soak({
        startAt: START,
        days: DAYS,
        parts: 5,
        firstSeed: 15,
        // Thousands of requests per run: the optimising JIT pays for itself.
        startDynamo: () => startDynamoLocal({ jit: 'long-run' }),
        backgroundEvery: 6,
        attachRole: attachDeployedRole,
      });
      const seconds = (performance.now() - started) / 1000;
      // The figures, for the record (the soak bench prints them as BENCH lines; no assertion on time).
      console.info(
        `simulation: ${report.simulatedDays} days, ${report.cycles} cycles in ${seconds.toFixed(0)} s (${(report.cycles / seconds).toFixed(2)} cycles/s), ` +
          `${report.violations.length} violations, max lock-out ${report.maxLockoutCycles} cycles, max alert delay ${report.maxAlertDelayCycles} cycles, ` +
          `${report.transitionsCompared} transitions compared, ${report.deliveriesCompared} deliveries compared (${report.deliveryViolations} delivery violations), ` +
          `${report.revokedCalls} calls refused by revoked grants, ${report.redriven} events redriven; faults ${JSON.stringify(report.faultsByKind)}`,
      );
      // The stretch has what the test is about: retargets, transitions, faults of every kind.
      expect(report.faultsByKind['cached-skew'] ?? 0).toBeGreaterThanOrEqual(1);
      expect(Object.keys(report.faultsByKind).sort()).toEqual([...FAULT_KINDS].sort());
      expect(report.transitionsCompared).toBeGreaterThanOrEqual(4);
      expect(report.violations).toEqual([]);
      expect(report.maxLockoutCycles).toBeLessThanOrEqual(2);
      expect(report.maxAlertDelayCycles).toBeLessThanOrEqual(1);
      for (const v of report.verdicts) expect(v.transitionsCompared).toBe(v.free.published.length);
      // Every fault-free transition reached each of the four channels once, in order.
      for (const v of report.verdicts) expect(v.deliveriesCompared).toBe(4 * v.free.published.length);
      // The crashes really cut invocations short between two writes, in both functions.
      const crashes = report.verdicts.flatMap((v) => v.faulted.crashes);
      expect(crashes.some((c) => c.fn === 'ingest' && c.refusedWrites > 0)).toBe(true);
      expect(crashes.some((c) => c.fn === 'compute' && c.refusedWrites > 0)).toBe(true);
    },
    60 * 60_000,
  );
});
