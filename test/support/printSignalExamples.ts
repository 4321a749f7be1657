/**
 * Prints, for each signal, the e-mail and the JSON document a subscriber receives, from the
 * early-2026 capitulation replayed through the live compute path (real daily history).
 * Run: npx tsx test/support/printSignalExamples.ts [--json-only|--email-only]
 */
import { buildSnsMessage } from '../../shared/adapters/sns/snsMessage';
import { SIGNAL_IDS, type SignalEvent } from '../../shared/domain/signals';
import { liveReplay } from './liveReplay';

const events = liveReplay('2026-01-20T12:00:00Z', '2026-02-28T12:00:00Z').flatMap((s) => s.events);
const picked: SignalEvent[] = [];
for (const id of SIGNAL_IDS) {
  const raised = events.find((e) => e.signal === id && e.transition === 'raised');
  if (raised) picked.push(raised);
}
const escalated = events.find((e) => e.transition === 'escalated' && e.signal === 'difficulty-negative-streak');
const cleared = events.find((e) => e.transition === 'cleared' && e.signal === 'difficulty-negative-streak');
if (escalated) picked.push(escalated);
if (cleared) picked.push(cleared);

for (const event of picked) {
  const message = buildSnsMessage(event);
  const body = JSON.parse(message.Message) as { email: string; https: string };
  console.log(`### ${event.signal} (${event.transition}, ${event.severity})\n`);
  console.log('E-mail:\n');
  console.log('```text');
  console.log(`Subject: ${message.Subject}\n`);
  console.log(body.email);
  console.log('```\n');
  console.log(
    'JSON (HTTPS, SQS and Lambda subscribers), with the message attributes ' +
      `signal=${event.signal}, severity=${event.severity}, transition=${event.transition}:\n`,
  );
  console.log('```json');
  console.log(JSON.stringify(JSON.parse(body.https), null, 2));
  console.log('```\n');
}
