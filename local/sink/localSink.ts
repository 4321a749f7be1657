/**
 * Where events go on a laptop: a readable console line, one JSON line per event in a file, and
 * optionally a webhook URL that receives exactly what an HTTPS SNS subscriber would. The input is
 * the very `PublishCommand` input the compute function would send to SNS, so the local run shows
 * what production would publish, byte for byte.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { messageForHttps, snsHttpHeaders, snsHttpNotification } from './snsHttpEnvelope';

export interface LocalSinkOptions {
  /** Console writer (defaults to stdout). */
  write?: (line: string) => void;
  /** JSON-lines file: one event document per line. */
  jsonlPath?: string;
  /** Webhook that receives the SNS HTTP notification envelope. */
  webhookUrl?: string;
  /** Clock for the envelope Timestamp (injected for tests). */
  now?: () => Date;
  webhookTimeoutMs?: number;
}

export interface LocalSink {
  publish(input: PublishCommandInput): Promise<void>;
}

/** One readable line: time, severity, transition, signal, subject. */
export function consoleLine(input: PublishCommandInput, at: Date): string {
  const attr = (name: string): string => input.MessageAttributes?.[name]?.StringValue ?? '-';
  const severity = attr('severity');
  const marker = attr('transition') === 'cleared' ? 'OK ' : severity === 'critical' ? '!!!' : ' ! ';
  return `${at.toISOString().slice(0, 16).replace('T', ' ')}Z ${marker} ${attr('transition').padEnd(9)} ${attr('signal').padEnd(30)} ${input.Subject ?? ''}`;
}

function decidedAt(document: unknown): Date | undefined {
  const occurredAt =
    typeof document === 'object' && document !== null ? (document as { occurredAt?: unknown }).occurredAt : undefined;
  const ms = typeof occurredAt === 'string' ? Date.parse(occurredAt) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

export function createLocalSink(options: LocalSinkOptions = {}): LocalSink {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  let madeDir = false;
  return {
    async publish(input) {
      const at = now();
      // The document an HTTPS/SQS subscriber parses; the console shows when it was decided.
      const document: unknown = JSON.parse(messageForHttps(input));
      write(consoleLine(input, decidedAt(document) ?? at));
      if (options.jsonlPath) {
        if (!madeDir) {
          await mkdir(dirname(options.jsonlPath), { recursive: true });
          madeDir = true;
        }
        await appendFile(options.jsonlPath, `${JSON.stringify(document)}\n`);
      }
      if (options.webhookUrl) {
        const envelope = snsHttpNotification(input, { now: at });
        try {
          const response = await fetch(options.webhookUrl, {
            method: 'POST',
            headers: snsHttpHeaders(envelope),
            body: JSON.stringify(envelope),
            signal: AbortSignal.timeout(options.webhookTimeoutMs ?? 10_000),
          });
          await response.body?.cancel();
          // SNS treats any 2xx as delivered; tell the user plainly when their receiver refused it.
          if (response.status < 200 || response.status > 299) {
            write(
              `  webhook ${options.webhookUrl} answered HTTP ${response.status} (the event is still in the console and JSON-lines file)`,
            );
          }
        } catch (error) {
          write(`  webhook ${options.webhookUrl} unreachable: ${(error as Error).message}`);
        }
      }
    },
  };
}
