/**
 * The one home of the project's AWS SDK clients (an architecture test refuses `new <X>Client(` of
 * @aws-sdk anywhere in product code outside shared/adapters/aws/, one small file per client so a
 * function's bundle holds only the clients it uses): every client carries the project's
 * timeouts and retry budget (clientOptions.ts), so no function can forget them. A client hung on
 * a stalled endpoint for 95 s, past its function's 90 s timeout, because it was built without
 * them (issue #22).
 *
 * Middleware: `options.middleware` and the process-wide hook (setAwsClientHook) see each client as
 * it is built, so that a test or the local simulation can attach its own middleware (the IAM
 * evaluator, with the role of the function whose code runs) where the product builds its clients.
 * Production sets neither.
 */
import { awsClientOptions, type AwsClientOptions } from './clientOptions';

/** Which product component a client serves: what a hook needs to know to attach the right role. */
export type AwsClientOwner = 'ingest' | 'compute' | 'calculator' | 'api' | 'notifier' | 'power' | 'local';

/** What the hook and the middleware option see of a client: its name and its middleware stack. */
export interface BuiltAwsClient {
  middlewareStack: { add(middleware: never, options: never): void; remove(name: string): boolean };
  constructor: { name: string };
}

export type AwsClientHook = (client: BuiltAwsClient, owner: AwsClientOwner) => void;

export interface AwsClientFactoryOptions {
  /** The component the client serves (default 'local'). */
  owner?: AwsClientOwner;
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Tighter budgets (tests against a stalled endpoint); the defaults are the project's. */
  requestHandler?: Partial<AwsClientOptions['requestHandler']>;
  maxAttempts?: number;
  /** Called with the client once built, before any use. */
  middleware?: (client: BuiltAwsClient) => void;
}

// On globalThis, not in a module variable: a test that re-imports a handler module (a fresh
// module graph) still reaches the hook it set.
const HOOK_KEY = Symbol.for('hashwatch.awsClientHook');
type HookHolder = { [HOOK_KEY]?: AwsClientHook };

/** Sets (or with undefined clears) the hook every client built from now on is passed to. */
export function setAwsClientHook(hook: AwsClientHook | undefined): void {
  (globalThis as HookHolder)[HOOK_KEY] = hook;
}

/** The constructor config: the project's timeouts and retries, then the caller's endpoint and identity. */
export function clientConfig(options: AwsClientFactoryOptions) {
  return {
    ...awsClientOptions(options.requestHandler),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
  };
}

/** Hands a newly built client to the middleware option and the hook, then returns it. */
export function finishClient<C extends BuiltAwsClient>(client: C, options: AwsClientFactoryOptions): C {
  options.middleware?.(client);
  (globalThis as HookHolder)[HOOK_KEY]?.(client, options.owner ?? 'local');
  return client;
}
