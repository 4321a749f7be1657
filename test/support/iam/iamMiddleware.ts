/**
 * The IAM evaluator as AWS SDK v3 middleware: `attachIamRole(client, role)` makes every command the
 * client sends (DynamoDB incl. the lib-dynamodb document commands, which run through the same stack,
 * SNS, SSM, SQS, KMS) be judged against the role before it leaves; a refused one is answered with
 * the service's own AccessDenied response (accessDenied.ts), so the SDK raises exactly the error
 * it raises against AWS and retries exactly as it would (not at all).
 *
 * It sits in the deserialize step, after the SDK's deserializer: the request is already built,
 * signed and counted as an attempt, and a refusal is parsed by the SDK as a response from AWS.
 */
import { accessDeniedMessage, accessDeniedResponse, type WireResponse } from './accessDenied';
import { requiredAuthorizations, SERVICE_OF_CLIENT, type AwsService } from './authorizations';
import type { IamRole } from './iamRole';

const MIDDLEWARE_NAME = 'hashwatchIamEvaluator';

export interface AnyClient {
  middlewareStack: {
    add(middleware: unknown, options: Record<string, unknown>): void;
    remove(name: string): boolean;
  };
  constructor: { name: string };
}

interface HandlerContext {
  clientName?: string;
  commandName?: string;
}

const attached = new WeakMap<object, IamRole>();

/** The role attached to `client` (attachIamRole), if any: what a mocked `send` is judged by. */
export function attachedRole(client: object): IamRole | undefined {
  return attached.get(client);
}

/**
 * Judges one request as IAM would and records it on the role: undefined when every authorization
 * it needs is allowed, else the service's AccessDenied response on the wire for the first refusal.
 */
export function refusalOf(
  role: IamRole,
  service: AwsService,
  operation: string,
  input: Record<string, unknown>,
): WireResponse | undefined {
  for (const request of requiredAuthorizations(service, operation, input, role.scope)) {
    const decision = role.judge(service, operation, request);
    if (decision.allowed) continue;
    const message = accessDeniedMessage(role.principalArn, request, decision.reason, service);
    const viaKms = service === 'ssm' && request.action.startsWith('kms:');
    return accessDeniedResponse(service, message, viaKms);
  }
  return undefined;
}

/** The service a client class calls, or a clear error for a client this mapping does not know. */
export function serviceOfClient(clientName: string): AwsService {
  const service = SERVICE_OF_CLIENT[clientName];
  if (!service) throw new Error(`no IAM mapping for ${clientName}: add it to SERVICE_OF_CLIENT`);
  return service;
}

/**
 * Middleware that answers every request with `wire` as if AWS had: what the SDK then parses is
 * exactly what it parses from AWS (its exception class, $fault, $metadata).
 */
export function answerWith(client: AnyClient, wire: WireResponse): void {
  client.middlewareStack.add(() => async () => asHttpResponse(wire), {
    step: 'deserialize',
    priority: 'low',
    name: `${MIDDLEWARE_NAME}Answer`,
  });
}

/** What an HttpResponse is to the SDK (it checks the shape, not the class). */
function asHttpResponse(wire: WireResponse) {
  return {
    response: { statusCode: wire.statusCode, headers: wire.headers, body: new TextEncoder().encode(wire.body) },
  };
}

/** Attaches `role` to `client` (replacing a role attached before); returns the client. */
export function attachIamRole<C extends AnyClient>(client: C, role: IamRole): C {
  const service = serviceOfClient(client.constructor.name);
  client.middlewareStack.remove(MIDDLEWARE_NAME);
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: HandlerContext) =>
      async (args: { input: Record<string, unknown> }) => {
        const operation = (context.commandName ?? '').replace(/Command$/, '');
        const wire = refusalOf(role, service, operation, args.input);
        return wire ? asHttpResponse(wire) : next(args);
      },
    { step: 'deserialize', priority: 'low', name: MIDDLEWARE_NAME },
  );
  attached.set(client, role);
  return client;
}
