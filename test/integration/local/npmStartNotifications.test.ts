/**
 * `npm start` with HASHWATCH_NOTIFICATIONS, as a user runs it in a real child process: the replay
 * cycle's event reaches a Discord webhook listener on 127.0.0.1 exactly once (the listener is the
 * Discord fake, which checks the documented request), and a bad list is refused naming the field.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signalEventSchema } from '../../../shared/domain/signals';
import { startFakeChatApis, type FakeChatApis } from '../../support/fakeChatApis';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

function npmStart(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['start', '--silent', '--', ...args], {
      cwd: root,
      env: { ...process.env, ...env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('npm start with HASHWATCH_NOTIFICATIONS', () => {
  it('posts the cycle’s event to a Discord webhook listener on 127.0.0.1 exactly once', async () => {
    const fake: FakeChatApis = await startFakeChatApis();
    cleanups.push(() => fake.close());
    const dir = await mkdtemp(join(tmpdir(), 'hashwatch-notify-start-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const eventsPath = join(dir, 'events.jsonl');
    const port = new URL(fake.baseUrl).port;

    const { code, output } = await npmStart(['--replay', '--cycles', '1', '--events', eventsPath], {
      HASHWATCH_NOTIFICATIONS: `[{"type":"discord","webhookUrl":"http://127.0.0.1:${port}/api/webhooks/1/t"}]`,
    });
    expect(code, output).toBe(0);
    const events = (await readFile(eventsPath, 'utf8'))
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => signalEventSchema.parse(JSON.parse(l)));
    expect(events.length).toBeGreaterThan(0);

    expect(fake.violations).toEqual([]);
    expect(fake.received.map((r) => `${r.method} ${r.path}`)).toEqual(events.map(() => 'POST /api/webhooks/1/t'));
    // Exactly once per event: one post each, identified by the event id in the embed footer.
    const footers = fake.delivered.map(
      (r) => (r.json as { embeds: Array<{ footer: { text: string } }> }).embeds[0]!.footer.text,
    );
    expect(footers).toEqual(events.map((e) => `Event id ${e.id}`));
    expect(output).toMatch(/Notifications to 1 channel\(s\): discord-[0-9a-f]{10}/);
    expect(output).toMatch(/-> discord-[0-9a-f]{10}: delivered \(message \d+\)/);
    expect(output).toContain('Stopped.');
  }, 240_000);

  it('refuses a bad list, naming every problem, before starting anything', async () => {
    const { code, output } = await npmStart(['--replay', '--cycles', '1'], {
      HASHWATCH_NOTIFICATIONS: JSON.stringify([
        { type: 'discord', webhookUrl: 'http://discord.example.com/api/webhooks/1/secret-token-value' },
        { type: 'telegram', chatId: 'nope', botToken: '123:abc' },
        { type: 'pager' },
      ]),
    });
    expect(code).toBe(2);
    expect(output).toContain('Invalid HASHWATCH_NOTIFICATIONS');
    expect(output).toContain('HASHWATCH_NOTIFICATIONS[0].webhookUrl: must use https://');
    expect(output).toContain('HASHWATCH_NOTIFICATIONS[1].chatId: a Telegram chat id');
    expect(output).toContain(
      'HASHWATCH_NOTIFICATIONS[2].type: "type" must be one of telegram, discord, slack, webhook',
    );
    expect(output).not.toContain('secret-token-value');
    expect(output).not.toContain('DynamoDB Local listening');
  }, 60_000);
});
