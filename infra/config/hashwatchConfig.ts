/**
 * The deploy-time configuration of Hashwatch: typed, validated with zod, and refused at synth time
 * with an error that names the offending field. It is data, passed to the stacks; nothing in the
 * stacks reads context or files itself.
 */
import * as z from '../../shared/schema/z';
import { configIssues } from '../../shared/config/configIssues';
import { computeConfigSchema } from '../../shared/config/computeConfig';
import { notificationsConfigSchema } from '../../shared/notify/channelConfig';
import { subscriptionFilterSchema } from '../../shared/notify/eventFilter';

/** The retention periods CloudWatch Logs accepts (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

// The filter of a subscription or a notification channel lives with the notifier, which applies it too.
export { subscriptionFilterSchema, type SubscriptionFilter } from '../../shared/notify/eventFilter';

const emailSchema = z.email({ error: (issue) => `not a valid e-mail address: ${JSON.stringify(issue.input)}` });

const httpsUrlSchema = z.string().check(
  z.refine((value) => URL.canParse(value), { error: (issue) => `not a valid URL: ${JSON.stringify(issue.input)}` }),
  z.refine((value) => !URL.canParse(value) || new URL(value).protocol === 'https:', {
    error: (issue) =>
      `webhook URLs must use https:// (SNS would deliver alerts in clear text otherwise): ${JSON.stringify(issue.input)}`,
  }),
  z.refine(
    (value) => {
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      return url.username === '' && url.password === '';
    },
    {
      // The URL's text is not echoed: it holds the secret.
      error: (issue) =>
        `webhook URLs must not carry a user name or password (https://user:password@host/...): SNS, the CloudFormation template and cdk.out would hold them in plain text. Have the receiver check SNS's message signature instead, or put a token it verifies in the path (stored the same way: see docs/deploy.md, "Where a webhook URL is stored"). URL host: ${URL.canParse(String(issue.input)) ? new URL(String(issue.input)).host : '?'}`,
    },
  ),
);

/**
 * One subscriber: exactly one of `email` or `url`. (One object with a check rather than a zod union,
 * so that an error inside, e.g. an unknown signal id, is reported at its own path.)
 */
export const subscriptionSchema = z
  .strictObject({
    email: z.optional(emailSchema),
    url: z.optional(httpsUrlSchema),
    filter: z.optional(subscriptionFilterSchema),
  })
  .check((ctx) => {
    const { email, url } = ctx.value;
    if ((email === undefined) === (url === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'a subscription has exactly one of "email" or "url" (https://), with an optional "filter"',
      });
    }
  });
export type SubscriptionConfig = z.infer<typeof subscriptionSchema>;

const RESERVED_CONCURRENCY_ERROR = { error: 'an integer from 1 to 1000, or false for no reservation' };

/** An IAM principal ARN: an account root, a role or a user. */
const principalArnSchema = z.string().check(
  z.regex(/^arn:aws[a-z-]*:iam::\d{12}:(root|role\/.+|user\/.+)$/, {
    error: (issue) => `not an IAM account, role or user ARN: ${JSON.stringify(issue.input)}`,
  }),
);

export const hashwatchConfigSchema = z
  .strictObject({
    /** Prefix of the stack names, so that two installations can live in one account. */
    stackPrefix: z._default(
      z.string().check(
        z.regex(/^[A-Za-z][A-Za-z0-9-]{0,39}$/, {
          error: 'stackPrefix: letters, digits and dashes, starting with a letter',
        }),
      ),
      'Hashwatch',
    ),
    /** How often the ingest function runs. */
    // At most 8 hours: the stale-data alarm looks at 3 intervals and CloudWatch alarms look back at most a day.
    scheduleRateMinutes: z._default(z.int().check(z.minimum(1), z.maximum(480)), 10),
    /** Retention of every function's log group. */
    logRetentionDays: z._default(
      z.union(
        LOG_RETENTION_DAYS.map((days) => z.literal(days)),
        {
          error: `logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
        },
      ),
      30,
    ),
    /** Where the operations alarms go (optional: they still show in the console and the dashboard). */
    alarmEmail: z.optional(emailSchema),
    /** Who receives the signal events. */
    subscriptions: z._default(z.array(subscriptionSchema), []),
    /**
     * Telegram, Discord, Slack and signed-webhook channels, delivered by the notifier function
     * (docs/notifications.md). Secrets only by SSM parameter name; validated here, at synth.
     */
    notifications: z._default(notificationsConfigSchema('refused'), []),
    /** Days a raw network snapshot is kept before DynamoDB's TTL deletes it (daily rollups are kept). */
    rawSnapshotRetentionDays: z._default(z.int().check(z.minimum(1), z.maximum(3650)), 30),
    /**
     * 'aws-managed' (the default, keeping the whole stack under $1/month): the alerts topic uses
     * alias/aws/sns (free) and the operations topic, which carries only alarm state changes, is
     * unencrypted at rest (TLS still enforced), because CloudWatch alarms cannot publish through
     * the AWS managed key. 'customer-managed': one KMS key of ours encrypts both topics (key
     * policy under our control, $1/month).
     */
    topicEncryption: z._default(z.enum(['customer-managed', 'aws-managed']), 'aws-managed'),
    /**
     * Yearly automatic rotation of the customer-managed key. Off by default: KMS bills $1/month for
     * each of the first two rotations (the key costs $1, then $2, then $3 a month for good). The
     * topics carry public market data and alarm states; turn it on when a policy requires rotation.
     */
    keyRotation: z._default(z.boolean(), false),
    calculator: z.prefault(
      z.strictObject({
        /** Principals allowed to invoke the calculator (URL and direct); default: this account. */
        invokerPrincipalArns: z.optional(z.array(principalArnSchema)),
        /**
         * Concurrent executions reserved for the calculator, which are also its ceiling: callers
         * cannot take the concurrency ingest and compute need. `false` (the default): no
         * reservation; Lambda refuses any reservation in an account whose concurrency quota leaves
         * less than 100 unreserved (a new account starts at 10).
         */
        // No reservation by default: a new account's quota (10) leaves nothing reservable, and the
        // first deploy would fail (`npm run preflight` says what a reservation needs).
        reservedConcurrency: z._default(
          z.union(
            [
              z
                .int(RESERVED_CONCURRENCY_ERROR)
                .check(z.minimum(1, RESERVED_CONCURRENCY_ERROR), z.maximum(1000, RESERVED_CONCURRENCY_ERROR)),
              z.literal(false),
            ],
            RESERVED_CONCURRENCY_ERROR,
          ),
          false,
        ),
      }),
      // Parsed, so that the defaults inside (reservedConcurrency) are filled in.
      {},
    ),
    /** Create the CloudWatch dashboard (3 dashboards per account are free, then $3/month each). */
    dashboard: z._default(z.boolean(), true),
    /** Passed to the ingest function as HASHWATCH_INGEST_CONFIG; validated by its own schema. */
    ingest: z._default(z.record(z.string(), z.unknown()), {}),
    /**
     * Passed to the compute and calculator functions as HASHWATCH_COMPUTE_CONFIG, as written (their
     * cold start fills the defaults); checked here against the same schema, so a misspelt key fails
     * `cdk synth` rather than vanishing at run time.
     */
    compute: z._default(z.record(z.string(), z.unknown()), {}),
  })
  .check((ctx) => {
    const compute = computeConfigSchema.safeParse(ctx.value.compute, { jitless: true });
    if (!compute.success) {
      for (const issue of configIssues(computeConfigSchema, compute.error)) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value.compute,
          path: ['compute', ...issue.path],
          message: issue.message,
        });
      }
    }
    if (ctx.value.keyRotation && ctx.value.topicEncryption !== 'customer-managed') {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.keyRotation,
        path: ['keyRotation'],
        message:
          "applies only to topicEncryption 'customer-managed' (the AWS managed key alias/aws/sns is rotated by AWS)",
      });
    }
    // The ingest function has its own copy of two deploy settings (schedule.intervalMinutes names
    // each snapshot's interval; storage.rawSnapshotRetentionDays sets its TTL). The deploy config
    // fills them in; a different value set by hand would make the two disagree, so it is refused.
    const ingest = ctx.value.ingest as {
      schedule?: { intervalMinutes?: unknown };
      storage?: { rawSnapshotRetentionDays?: unknown };
    };
    const interval = ingest.schedule?.intervalMinutes;
    if (interval !== undefined && interval !== ctx.value.scheduleRateMinutes) {
      ctx.issues.push({
        code: 'custom',
        input: interval,
        path: ['ingest', 'schedule', 'intervalMinutes'],
        message: `leave it out: it is set from scheduleRateMinutes (${ctx.value.scheduleRateMinutes}), and ${JSON.stringify(interval)} would disagree with the schedule`,
      });
    }
    const retention = ingest.storage?.rawSnapshotRetentionDays;
    if (retention !== undefined && retention !== ctx.value.rawSnapshotRetentionDays) {
      ctx.issues.push({
        code: 'custom',
        input: retention,
        path: ['ingest', 'storage', 'rawSnapshotRetentionDays'],
        message: `leave it out: it is set from rawSnapshotRetentionDays (${ctx.value.rawSnapshotRetentionDays})`,
      });
    }
  });

export type HashwatchConfig = z.infer<typeof hashwatchConfigSchema>;

/**
 * The ingest function's config (HASHWATCH_INGEST_CONFIG): the `ingest` section with the schedule
 * interval and the raw snapshot retention filled in from the deploy settings.
 */
export function ingestFunctionConfig(config: HashwatchConfig): Record<string, unknown> {
  const ingest = config.ingest as { schedule?: object; storage?: object };
  return {
    ...config.ingest,
    schedule: { ...ingest.schedule, intervalMinutes: config.scheduleRateMinutes },
    storage: { ...ingest.storage, rawSnapshotRetentionDays: config.rawSnapshotRetentionDays },
  };
}
export type HashwatchConfigInput = z.input<typeof hashwatchConfigSchema>;

export class HashwatchConfigError extends Error {
  override name = 'HashwatchConfigError';
}

/** Validates a raw config; throws one error listing every problem with its path. */
export function parseHashwatchConfig(raw: unknown, origin = 'config'): HashwatchConfig {
  const result = hashwatchConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `  - ${path}: ${issue.message}`;
  });
  throw new HashwatchConfigError(`Invalid Hashwatch ${origin}:\n${problems.join('\n')}`);
}
