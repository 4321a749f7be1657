/**
 * Each channel's formatter stays within its app's documented limits whatever the content (a huge
 * summary, dozens of figures, markup characters, emoji at the cut), and escapes what the app
 * would otherwise read as markup. Content of a normal size goes through whole, the fleet share's
 * band across the power-price cases with it.
 */
import { describe, expect, it } from 'vitest';
import { alertContent, type AlertContent } from '../../../shared/notify/alertContent';
import { DISCORD_EMBED_LIMITS, discordEmbed, embedChars } from '../../../shared/notify/channels/discord';
import { SLACK_LIMITS, slackMessage } from '../../../shared/notify/channels/slack';
import { TELEGRAM_TEXT_MAX_CHARS, telegramText } from '../../../shared/notify/channels/telegram';
import { ELLIPSIS, fitRendered, truncate } from '../../../shared/notify/textLimits';
import { sampleEvent } from '../../support/sampleEvent';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signalEventSchema } from '../../../shared/domain/signals/eventDocument';
import { describeEvent, emailText } from '../../../shared/domain/signals/eventMessage';
import { signalFigures } from '../../../shared/domain/signals/eventFigures';
import type { Figure } from '../../../shared/domain/signals/figure';
import { webhookChannel, webhookRequest } from '../../../shared/notify/channels/webhook';

const normal = alertContent(sampleEvent());

/** Content far beyond every limit, with markup characters and astral-plane emoji everywhere. */
const huge: AlertContent = {
  ...normal,
  headline: `CRITICAL: ${'<b>&'.repeat(80)}`,
  summary: '⛏️ Miners <switch> off & on 😀 '.repeat(800),
  figures: Array.from({ length: 60 }, (_, i) => ({
    name: `Figure ${i} <&> ${'n'.repeat(300)}`,
    value: `😀${'v&'.repeat(1500)}`,
  })),
  signalLine: `fleet-share-negative (${'x'.repeat(5000)}), raised (critical)`,
};

/** No lone surrogate: a cut never splits an emoji. */
const wellFormed = (text: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('text limits', () => {
  it('truncate marks the cut and never splits a surrogate pair', () => {
    expect(truncate('abcdef', 10)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe(`abc${ELLIPSIS}`);
    const cut = truncate('ab😀cd', 4);
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(wellFormed(cut)).toBe(true);
  });

  it('fitRendered cuts the plain text so that its escaped form fits, never an escape in half', () => {
    const escape = (t: string) => t.replace(/&/g, '&amp;');
    const fitted = fitRendered('&&&&&&&&&&', 12, escape)!;
    expect(fitted.length).toBeLessThanOrEqual(12);
    expect(fitted).toMatch(/^(&amp;)+…$/);
  });
});

describe('Telegram', () => {
  it('keeps a normal alert whole', () => {
    const text = telegramText(normal);
    expect(text).toContain(normal.summary);
    for (const f of normal.figures) expect(text).toContain(`• ${f.name}: ${f.value}`);
  });

  it('stays within 4096 characters, keeps the headline and the event id, and escapes HTML', () => {
    const text = telegramText(huge);
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_MAX_CHARS);
    expect(text.startsWith('🟠 <b>CRITICAL: &lt;b&gt;&amp;')).toBe(true);
    expect(text).toContain(`Event id: <code>${normal.eventId}</code>`);
    expect(text).toContain(ELLIPSIS);
    expect(text.replace(/<\/?(b|i|code)>/g, '')).not.toMatch(/[<>]/);
    expect(wellFormed(text)).toBe(true);
  });
});

describe('Discord', () => {
  it('keeps a normal alert whole', () => {
    const embed = discordEmbed(normal);
    expect(embed.description).toBe(normal.summary);
    expect(embed.fields).toHaveLength(normal.figures.length + 1);
  });

  it('stays within every embed limit and the 6000 total', () => {
    const embed = discordEmbed(huge);
    const L = DISCORD_EMBED_LIMITS;
    expect(embed.title.length).toBeLessThanOrEqual(L.titleChars);
    expect(embed.description.length).toBeLessThanOrEqual(L.descriptionChars);
    expect(embed.fields.length).toBeLessThanOrEqual(L.fields);
    for (const f of embed.fields) {
      expect(f.name.length).toBeLessThanOrEqual(L.fieldNameChars);
      expect(f.value.length).toBeLessThanOrEqual(L.fieldValueChars);
    }
    expect(embedChars(embed)).toBeLessThanOrEqual(L.totalChars);
    expect(embed.footer.text).toBe(`Event id ${normal.eventId}`);
    expect(wellFormed(JSON.stringify(embed))).toBe(true);
  });
});

describe('Slack', () => {
  it('keeps a normal alert whole', () => {
    const message = slackMessage(normal);
    expect(message.blocks).toHaveLength(5);
    expect(JSON.stringify(message.blocks[1])).toContain('Difficulty has fallen 2 times in a row');
  });

  it('stays within the block limits and escapes mrkdwn', () => {
    const { text, blocks } = slackMessage(huge);
    const L = SLACK_LIMITS;
    expect(text.length).toBeLessThanOrEqual(L.textChars);
    expect(blocks.length).toBeLessThanOrEqual(L.blocks);
    for (const block of blocks) {
      const blockText = (block.text as { text: string } | undefined)?.text ?? '';
      if (block.type === 'header') expect(blockText.length).toBeLessThanOrEqual(L.headerChars);
      if (block.type === 'section') {
        expect(blockText.length).toBeLessThanOrEqual(L.sectionTextChars);
        const fields = (block.fields as { text: string }[] | undefined) ?? [];
        expect(fields.length).toBeLessThanOrEqual(L.fieldsPerSection);
        for (const f of fields) expect(f.text.length).toBeLessThanOrEqual(L.fieldChars);
      }
    }
    const mrkdwnTexts = JSON.stringify(blocks.filter((b) => b.type !== 'header'));
    expect(mrkdwnTexts).not.toMatch(/<switch>|Figure 0 <&>/);
    expect(mrkdwnTexts).toContain('&lt;switch&gt;');
    // All 60 figures would need 6 sections: 2 fixed + 6 + 2 context blocks fit within 50.
    expect(blocks.filter((b) => b.type === 'section' && b.fields)).toHaveLength(6);
  });
});

describe('examples/test-alert.json (the test alert of docs/notifications.md)', () => {
  it('is a valid event document that every formatter renders', () => {
    const event = signalEventSchema.parse(
      JSON.parse(readFileSync(join(import.meta.dirname, '../../../examples/test-alert.json'), 'utf8')),
    );
    expect(event.severity).toBe('critical');
    expect(telegramText(alertContent(event))).toContain(event.id);
  });

  it("says what the detector says of its own evidence (a hand-edited word would drift: it said '2 times' of a streak of 3)", () => {
    const event = signalEventSchema.parse(
      JSON.parse(readFileSync(join(import.meta.dirname, '../../../examples/test-alert.json'), 'utf8')),
    );
    const description = describeEvent(event);
    expect(event.title).toBe(`Test alert: ${description.title}`);
    expect(event.summary).toBe(description.summary);
  });
});

describe('the fleet-share band on every channel', () => {
  // A fleet-share-negative event whose evidence carries the band across the power-price cases,
  // with the figures its detector reports of that evidence (as the engine stores them).
  const evidence = {
    values: {
      fleetShareNegativePct: 17.25,
      fleetShareNegativeLowPct: 9.5,
      fleetShareNegativeHighPct: 26.75,
      hashpriceUsdPerPhDay: 28.07,
      btcPriceUsd: 64_124,
    },
    thresholds: { warningPct: 15, criticalPct: 20, hysteresisPctPoints: 2 },
  };
  const event = sampleEvent({
    signal: 'fleet-share-negative',
    title: '17.3% of the global fleet is now cash-flow negative',
    summary: 'That much of the network earns less than its power bill at the current hashprice.',
    evidence,
    figures: signalFigures('fleet-share-negative', evidence, undefined),
  });
  const content = alertContent(event);
  const low = { name: 'Band low (across the power-price cases)', value: '9.5%' };
  const high = { name: 'Band high (across the power-price cases)', value: '26.75%' };

  it('lays out the low and high case beside the central share', () => {
    expect(content.figures.slice(0, 3)).toEqual([
      { name: 'Share of global hashrate cash-flow negative', value: '17.25%' },
      low,
      high,
    ]);
    const telegram = telegramText(content);
    for (const f of [low, high]) expect(telegram).toContain(`• ${f.name}: ${f.value}`);
    const discord = discordEmbed(content).fields;
    for (const f of [low, high]) expect(discord).toContainEqual({ ...f, inline: false });
    const slack = JSON.stringify(slackMessage(content).blocks);
    for (const f of [low, high]) expect(slack).toContain(`*${f.name}*\\n${f.value}`);
    // The webhook posts the event document: its figures, as data.
    const hook = webhookChannel.schema.parse({ type: 'webhook', url: 'https://example.com/hook' });
    const posted = JSON.parse(webhookRequest(event, hook, 'a signing secret', new Date(0)).body) as {
      figures: Figure[];
    };
    expect(posted.figures.slice(1, 3)).toEqual([
      { name: low.name, value: 9.5, unit: 'pct' },
      { name: high.name, value: 26.75, unit: 'pct' },
    ]);
    // The e-mail words it as the status view does.
    expect(emailText(event)).toContain(
      '- Share of global hashrate cash-flow negative: 17.3% (band 9.5-26.8% across the low and high power-price cases)',
    );
  });
});
