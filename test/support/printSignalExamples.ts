/**
 * The alert examples of docs/compute-alert-examples.md: for each signal, the e-mail and the JSON
 * document a subscriber receives, from the early-2026 capitulation replayed through the live compute
 * path (real daily history). `npm run docs` writes them into that page's generated block, and
 * test/integration/local/docsNumbers.test.ts fails when the page differs from a fresh replay.
 * Run alone: npx tsx test/support/printSignalExamples.ts (prints the block's body).
 */
import { buildSnsMessage } from '../../shared/adapters/sns/snsMessage';
import { SIGNAL_IDS, type SignalEvent } from '../../shared/domain/signals';
import { runWhenEntryPoint } from '../../local/runCli';
import { liveReplay } from './liveReplay';

let examples: SignalEvent[] | undefined;
/** Each signal's first raise in the replay, then the streak's escalation and its clearing (computed once). */
export function signalExampleEvents(): SignalEvent[] {
  if (examples) return examples;
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
  examples = picked;
  return picked;
}

/** The e-mail a subscriber receives for an event: subject, blank line, body. */
export function exampleEmail(event: SignalEvent): string {
  const message = buildSnsMessage(event);
  return `Subject: ${message.Subject}\n\n${(JSON.parse(message.Message) as { email: string }).email}`;
}

/** The JSON document HTTPS, SQS and Lambda subscribers receive for an event, indented. */
export function exampleDocument(event: SignalEvent): string {
  const message = buildSnsMessage(event);
  return JSON.stringify(JSON.parse((JSON.parse(message.Message) as { https: string }).https), null, 2);
}

export function signalExamplesMarkdown(): string {
  const picked = signalExampleEvents();
  const out: string[] = [];
  for (const event of picked) {
    out.push(`### ${event.signal} (${event.transition}, ${event.severity})\n`);
    out.push('E-mail:\n');
    out.push('```text');
    out.push(exampleEmail(event));
    out.push('```\n');
    out.push(
      'JSON (HTTPS, SQS and Lambda subscribers), with the message attributes ' +
        `signal=${event.signal}, severity=${event.severity}, transition=${event.transition}:\n`,
    );
    out.push('```json');
    out.push(exampleDocument(event));
    out.push('```\n');
  }
  return `${out.join('\n')}\n`;
}

runWhenEntryPoint(import.meta.url, () => {
  process.stdout.write(signalExamplesMarkdown());
  return Promise.resolve(0);
});
