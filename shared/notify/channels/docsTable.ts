/**
 * docs/notifications.md's table of channels, derived from the registry: each channel's type, its
 * config fields, the fields naming its secrets' SSM parameters, its request and its message.
 * `npm run docs` writes it into the `channels-table` block; test/docs/channelsTable.test.ts fails
 * when the block differs, so a new channel's row cannot be forgotten.
 */
import type * as z from '../../schema/z';
import { parameterFieldOf } from './defineChannel';
import { CHANNELS } from './index';

const code = (name: string): string => `\`${name}\``;

/** A field is optional in the config when the schema accepts it missing (an optional or a default). */
const isOptional = (schema: z.core.$ZodType): boolean => (schema as z.ZodMiniType).safeParse(undefined).success;

export function channelsDocsTable(): string {
  const rows = CHANNELS.map((channel) => {
    const fields = Object.entries(channel.fields as Record<string, z.core.$ZodType>).map(
      ([name, schema]) => `${code(name)}${isOptional(schema) ? ' (optional)' : ''}`,
    );
    const secrets = channel.secretFieldNames.map((field) => code(parameterFieldOf(field)));
    const cells = [
      code(channel.type),
      fields.join(', ') || '-',
      secrets.join(', '),
      channel.docs.request,
      channel.docs.message,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '| Channel | Fields | Secret (SSM parameter) | Request | Message |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
