/**
 * A signal in one declaration: its id, its config schema with defaults, the evidence it records
 * as a typed schema (each value and threshold by name), how it observes its input, the words of
 * its events, the names of its figures and its row of the docs table. The signal list, the config
 * type and schema, the docs table and the alert examples are derived from these declarations
 * (detectors/index.ts), never kept beside them.
 *
 * The evidence's keys are checked by the compiler wherever the signal writes or reads them
 * (observe, describe, figureNames): a mistyped key does not compile, where an untyped record let
 * it through and the text read NaN. Stored evidence is read back through the schema, so a missing
 * or mistyped value is an error naming it, never a NaN in a sentence.
 */
import * as z from '../../schema/z';
import type { DescribeInput, EventDescription, SignalDetector, SignalDocs } from './detector';
import type { Evidence, EvidenceOrigin, EvidenceValue } from './evidence';
import { evidenceFigures } from './evidenceFigures';
import { HOURS_PER_DAY } from '../units';
import type { Severity } from './severity';
import type { SignalInput } from './signalInput';
import type { DetectorConfig } from './signalTiming';
import type { WatchedFigure } from './watchedFigure';

/** The schema of each evidence value (or threshold), by key; optional for a key some observations leave out. */
export type EvidenceShape = Record<string, z.ZodMiniType<EvidenceValue | undefined>>;

/** Evidence whose keys and value types are those of its shapes. */
export interface TypedEvidence<V extends EvidenceShape, T extends EvidenceShape> {
  values: z.output<z.ZodMiniObject<V>>;
  thresholds: z.output<z.ZodMiniObject<T>>;
}

/** One subject's observation, its evidence typed (the definition's id is added by defineSignal). */
export interface TypedObservation<V extends EvidenceShape, T extends EvidenceShape> {
  /** '' for network-wide signals; the fleet name or the price level otherwise. */
  subject: string;
  entered: Severity | undefined;
  recovered: boolean;
  evidence: TypedEvidence<V, T>;
}

export type TypedDescribeInput<V extends EvidenceShape, T extends EvidenceShape> = Omit<DescribeInput, 'evidence'> & {
  evidence: TypedEvidence<V, T>;
};

export interface SignalDefinition<
  Id extends string,
  S extends z.ZodMiniType<DetectorConfig>,
  V extends EvidenceShape,
  T extends EvidenceShape,
> {
  /** The public contract subscribers filter on: never rename one. */
  id: Id;
  /** Every field with a default (timingConfig with the signal's dwell, then its thresholds). */
  config: S;
  evidence: { values: V; thresholds: T };
  observe(input: SignalInput, config: NoInfer<z.output<S>>): NoInfer<TypedObservation<V, T>>[];
  describe(event: NoInfer<TypedDescribeInput<V, T>>): EventDescription;
  /** The figures' names for people, by evidence key (an unnamed key reads as its words). */
  figureNames?: NoInfer<{ [K in keyof V | keyof T]?: string }>;
  judges?(input: SignalInput): boolean;
  /**
   * Judged once a UTC day (given its input on the day's first snapshot, see `judges`), on figures
   * that stand for the day: its observations are as of the day's start (Observation `asOf`). A
   * day whose first snapshot failed is judged on a later one; its dwell still counts from the
   * day's start, or a 168-hour clear dwell would end a day late (the soak saw it: 129 cycles).
   * Its config refuses a dwell that is not whole days (wholeDayDwells).
   */
  judgedDaily?: true;
  /** Its row of docs/signals.md's table, worded from the default config; null when another's row covers it. */
  docs: ((defaults: NoInfer<z.output<S>>) => SignalDocs) | null;
  /**
   * The figures its rule reads (watchedFigure.ts): the report shades its episodes on the charts of
   * these figures (every signal's episodes are also on the report's episode lanes).
   */
  watches: readonly WatchedFigure[];
  /** Its colour in the report (bands, lanes, legends): `#rrggbb`, distinct from every other signal's. */
  color: `#${string}`;
}

/** A defined signal: the engine's detector, with its config schema's own type (the config schema derives from it). */
export type DefinedSignal<Id extends string, S extends z.ZodMiniType<DetectorConfig>> = Omit<
  SignalDetector<z.output<S>, Id>,
  'config'
> & { config: S };

export function defineSignal<
  Id extends string,
  S extends z.ZodMiniType<DetectorConfig>,
  V extends EvidenceShape,
  T extends EvidenceShape,
>(definition: SignalDefinition<Id, S, V, T>): DefinedSignal<Id, S> {
  // Built on the first evidence read (describe, figures), not with the definition: the read API and
  // the compute start with every signal defined, and most cold starts describe none (issue #23).
  let schema: z.ZodMiniObject<{ values: z.ZodMiniObject<V>; thresholds: z.ZodMiniObject<T> }> | undefined;
  const evidenceSchema = () =>
    (schema ??= z.object({
      values: z.object(definition.evidence.values),
      thresholds: z.object(definition.evidence.thresholds),
    }));
  const typed = (evidence: Evidence, origin: EvidenceOrigin): TypedEvidence<V, T> => {
    const parsed = evidenceSchema().safeParse(evidence);
    if (parsed.success) return parsed.data as TypedEvidence<V, T>;
    if (origin === 'stored') return evidence as unknown as TypedEvidence<V, T>;
    const issue = parsed.error.issues[0]!;
    throw new Error(`${definition.id} evidence ${issue.path.join('.')}: ${issue.message}`);
  };
  const names: Readonly<Record<string, string | undefined>> = definition.figureNames ?? {};
  const { id } = definition;
  const config = definition.judgedDaily ? wholeDayDwells(definition.config) : definition.config;
  return {
    signal: id,
    config,
    observe: (input, config) => {
      const asOf = definition.judgedDaily ? { asOf: `${input.decidedAt.slice(0, 10)}T00:00:00.000Z` } : {};
      return definition
        .observe(input, config)
        .map((o) => ({ signal: id, ...o, evidence: o.evidence as unknown as Evidence, ...asOf }));
    },
    describe: (event, origin = 'observed') =>
      definition.describe({ ...event, evidence: typed(event.evidence, origin) }),
    figures: (evidence, rate, origin = 'observed') =>
      evidenceFigures(typed(evidence, origin) as unknown as Evidence, rate, names),
    ...(definition.judges ? { judges: definition.judges } : {}),
    docs: () => (definition.docs ? definition.docs(config.parse({}) as z.output<S>) : null),
    watches: definition.watches,
    color: definition.color,
  };
}

const DWELL_KEYS = ['raiseDwellHours', 'clearDwellHours'] as const;

/**
 * A signal judged once a UTC day decides only at each day's judgement, so a dwell between two
 * judgements acts as the next whole day's: 30 h would commit at the 48-hour judgement. Refused,
 * naming the field and what it would act as, rather than configured as one thing and run as another.
 */
function wholeDayDwells<S extends z.ZodMiniType<DetectorConfig>>(config: S): S {
  return config.check(
    z.superRefine((timing: DetectorConfig, ctx) => {
      for (const key of DWELL_KEYS) {
        const dwellHours = timing[key];
        if (dwellHours % HOURS_PER_DAY === 0) continue;
        const actsAsHours = Math.ceil(dwellHours / HOURS_PER_DAY) * HOURS_PER_DAY;
        ctx.addIssue({
          code: 'custom',
          path: [key],
          input: dwellHours,
          message: `must be a whole number of days (0, 24, 48, ...): the signal is judged once a UTC day, so ${dwellHours} h would act as ${actsAsHours} h`,
        });
      }
    }),
  );
}

/** The evidence value schemas the signals use. */
export const evidenceOf = {
  number: z.number(),
  numberOrNull: z.nullable(z.number()),
  text: z.string(),
  textOrNull: z.nullable(z.string()),
  flag: z.boolean(),
} as const;
