/**
 * One chat channel, declared once: its `type`, its own config fields (zod), its secret fields
 * (each with the zod schema its value must pass, inline or read from Parameter Store), what
 * identifies its destination besides its secrets, the request of one attempt, the verdict on an
 * answer, and the two cells of the docs table. The registry (channels/index.ts) lists the
 * definitions; the config schema, the channel-key pattern, the secret parameter names and the docs
 * table are derived from that list, so a new channel is its file, its test and its line there.
 *
 * The config entry a definition accepts: `type`, the channel's fields, each secret field `<name>`
 * (inline, local runs only) and `<name>Parameter` (the SSM SecureString holding it), and the
 * optional `filter` every channel takes.
 */
import * as z from '../../schema/z';
import type { SignalEvent } from '../../domain/signals/eventDocument';
import { parameterNameSchema } from '../../config/ssmParameterName';
import { subscriptionFilterSchema } from '../eventFilter';
import type { AttemptVerdict, HttpAnswer, HttpRequest } from '../httpAttempt';

/** A channel type names Lambda aliases (`<type>-<10 hex digits>`) and config entries: lowercase letters and digits. */
const CHANNEL_TYPE_SHAPE = /^[a-z][a-z0-9]*$/;
/** A secret field's name, which `Parameter` extends to the field naming its SSM parameter. */
const SECRET_FIELD_SHAPE = /^[a-z][A-Za-z0-9]*$/;

export const parameterFieldOf = <S extends string>(field: S): `${S}Parameter` => `${field}Parameter`;

type SecretShape<S extends string> = { [K in S]: z.ZodMiniOptional<z.ZodMiniType<string>> } & {
  [K in S as `${K}Parameter`]: z.ZodMiniOptional<typeof parameterNameSchema>;
};

export type ChannelShape<T extends string, F extends z.core.$ZodShape, S extends string> = {
  type: z.ZodMiniLiteral<T>;
} & F &
  SecretShape<S> & { filter: z.ZodMiniOptional<typeof subscriptionFilterSchema> };

export type ChannelSchema<T extends string, F extends z.core.$ZodShape, S extends string> = z.ZodMiniObject<
  ChannelShape<T, F, S>,
  z.core.$strict
>;

/** A channel's config entry, as parsed (defaults applied). */
export type ChannelConfigOf<T extends string, F extends z.core.$ZodShape, S extends string> = z.output<
  ChannelSchema<T, F, S>
>;

/** What a channel file declares. */
export interface ChannelSpec<T extends string, F extends z.core.$ZodShape, S extends string> {
  type: T;
  /** The channel's own non-secret config fields. */
  fields: F;
  /**
   * The field the secret fields go before, in the parsed entry (default: after every field). The
   * parsed list is written into the notifier's environment, so a channel keeps its order there
   * (a different order would update the deployed function for nothing).
   */
  secretsBefore?: Extract<keyof F, string>;
  /** Each secret field with the schema its value must pass (checked inline, and when read from Parameter Store). */
  secretFields: Record<S, z.ZodMiniType<string>>;
  /**
   * What identifies the destination besides the secrets (a chat id, a receiver URL): with the
   * secrets' identities it makes the channel key. Default: nothing (the secret alone, a webhook URL).
   */
  destination?: (config: ChannelConfigOf<T, F, S>) => string[];
  /** The request of one attempt (built per attempt: a signature may carry its time). */
  request: (event: SignalEvent, config: ChannelConfigOf<T, F, S>, secrets: Record<S, string>, now: Date) => HttpRequest;
  verdict: (answer: HttpAnswer, now: Date) => AttemptVerdict;
  /** The channel's row of the docs table (docs/notifications.md): the request and what the message holds. */
  docs: { request: string; message: string };
}

export interface ChannelDefinition<T extends string, F extends z.core.$ZodShape, S extends string> extends ChannelSpec<
  T,
  F,
  S
> {
  /** The config entry's schema (inline secrets still allowed: the list's schema refuses them where needed). */
  schema: ChannelSchema<T, F, S>;
  secretFieldNames: readonly S[];
}

export function defineChannel<T extends string, F extends z.core.$ZodShape, S extends string>(
  spec: ChannelSpec<T, F, S>,
): ChannelDefinition<T, F, S> {
  if (!CHANNEL_TYPE_SHAPE.test(spec.type)) {
    throw new Error(
      `channel type ${JSON.stringify(spec.type)}: lowercase letters and digits only (it names Lambda aliases)`,
    );
  }
  const secretFieldNames = Object.keys(spec.secretFields) as S[];
  const secrets: Record<string, z.core.$ZodType> = {};
  for (const field of secretFieldNames) {
    if (!SECRET_FIELD_SHAPE.test(field) || field in spec.fields || parameterFieldOf(field) in spec.fields) {
      throw new Error(
        `channel ${spec.type}: secret field ${JSON.stringify(field)} clashes with a field or is not a name`,
      );
    }
    secrets[field] = z.optional(spec.secretFields[field]);
    secrets[parameterFieldOf(field)] = z.optional(parameterNameSchema);
  }
  const fields = Object.entries(spec.fields);
  const cut =
    spec.secretsBefore === undefined ? fields.length : fields.findIndex(([name]) => name === spec.secretsBefore);
  const shape: Record<string, z.core.$ZodType> = {
    type: z.literal(spec.type),
    ...Object.fromEntries(fields.slice(0, cut)),
    ...secrets,
    ...Object.fromEntries(fields.slice(cut)),
    filter: z.optional(subscriptionFilterSchema),
  };
  return { ...spec, schema: z.strictObject(shape) as unknown as ChannelSchema<T, F, S>, secretFieldNames };
}
