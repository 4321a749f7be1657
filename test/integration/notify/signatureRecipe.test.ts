/**
 * The receiver's recipe in docs/notifications.md, run as a user would paste it: the code block
 * after the "signature-recipe" marker is written to a file and imported, then it must accept a
 * real delivery of the notifier (captured by a receiver on 127.0.0.1) and refuse a tampered body,
 * a wrong secret and an old timestamp.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createNotifierHandler } from '../../../functions/notifier/notifierHandler';
import { channelKey, notificationChannelSchema } from '../../../shared/notify/channelConfig';
import type { DeliveryLedger } from '../../../shared/notify/deliveryLedger';
import { fetchTransport } from '../../../shared/notify/httpTransport';
import { signatureHeader } from '../../../shared/notify/channels/webhook';
import { Logger } from '@aws-lambda-powertools/logger';
import { startFakeChatApis, type FakeChatApis } from '../../support/fakeChatApis';
import { lambdaContext } from '../../support/lambdaContext';
import { sampleEvent, snsEventOf } from '../../support/sampleEvent';

type Verify = (header: string, rawBody: string, secret: string, toleranceSeconds?: number) => boolean;

const root = join(import.meta.dirname, '../../..');
const SECRET = 'a-receiver-signing-secret-0123456789';
let dir: string;
let fake: FakeChatApis;
let verify: Verify;

/** The first ```js block after the marker comment. */
export function recipeFrom(markdown: string): string {
  const marker = markdown.indexOf('<!-- signature-recipe');
  if (marker < 0) throw new Error('docs/notifications.md has no signature-recipe marker');
  const block = /```js\n([\s\S]*?)```/.exec(markdown.slice(marker));
  if (!block) throw new Error('no ```js block after the signature-recipe marker');
  return block[1]!;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashwatch-recipe-'));
  const file = join(dir, 'verify.mjs');
  await writeFile(file, recipeFrom(await readFile(join(root, 'docs/notifications.md'), 'utf8')));
  verify = ((await import(pathToFileURL(file).href)) as { verifyHashwatchSignature: Verify }).verifyHashwatchSignature;
  fake = await startFakeChatApis();
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** A ledger in memory: this test is about the signature, not the once-only rule. */
const ledger: DeliveryLedger = {
  claim: async () => ({ claimed: true, claimId: 'c' }),
  settle: async () => undefined,
};

describe('the signed-webhook recipe in docs/notifications.md', () => {
  it('is a few lines of code', async () => {
    const lines = recipeFrom(await readFile(join(root, 'docs/notifications.md'), 'utf8'))
      .trim()
      .split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
  });

  it("accepts the notifier's delivery and refuses a tampered body, a wrong secret and an old timestamp", async () => {
    const config = notificationChannelSchema('allowed').parse({
      type: 'webhook',
      url: `${fake.baseUrl}/receiver`,
      signingSecret: SECRET,
    });
    const handler = createNotifierHandler({
      channels: [config],
      logger: new Logger({ serviceName: 'notifier', logLevel: 'ERROR' }),
      deps: { ledger, transport: fetchTransport, now: () => new Date(), sleep: async () => undefined, random: () => 0 },
    });
    const base = lambdaContext('hashwatch-notifier');
    await handler(snsEventOf(sampleEvent()), {
      ...base,
      invokedFunctionArn: `${base.invokedFunctionArn}:${channelKey(config)}`,
    });
    expect(fake.delivered).toHaveLength(1);
    const { headers, body } = fake.delivered[0]!;
    const header = String(headers['hashwatch-signature']);

    expect(verify(header, body, SECRET)).toBe(true);
    expect(verify(header, body.replace('"warning"', '"critical"'), SECRET)).toBe(false);
    expect(verify(header, body, 'another-secret-of-some-length')).toBe(false);
    expect(verify('t=1,v1=00', body, SECRET)).toBe(false);
    const old = signatureHeader(body, SECRET, new Date(Date.now() - 10 * 60_000));
    expect(verify(old, body, SECRET)).toBe(false);
    expect(verify(old, body, SECRET, 3600)).toBe(true);
  });
});
