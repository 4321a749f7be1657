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
import { accessDeniedMessage, accessDeniedResponse } from './accessDenied';
import { requiredAuthorizations, SERVICE_OF_CLIENT } from './authorizations';
import type { IamRole } from './iamRole';

const MIDDLEWARE_NAME = 'hashwatchIamEvaluator';

interface AnyClient {
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

/** Attaches `role` to `client` (replacing a role attached before); returns the client. */
export function attachIamRole<C extends AnyClient>(client: C, role: IamRole): C {
  const clientName = client.constructor.name;
  const service = SERVICE_OF_CLIENT[clientName];
  if (!service) throw new Error(`no IAM mapping for ${clientName}: add it to SERVICE_OF_CLIENT`);
  client.middlewareStack.remove(MIDDLEWARE_NAME);
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: HandlerContext) =>
      async (args: { input: Record<string, unknown> }) => {
        const operation = (context.commandName ?? '').replace(/Command$/, '');
        for (const request of requiredAuthorizations(service, operation, args.input, role.scope)) {
          const decision = role.judge(service, operation, request);
          if (decision.allowed) continue;
          const message = accessDeniedMessage(role.principalArn, request, decision.reason, service);
          const viaKms = service === 'ssm' && request.action.startsWith('kms:');
          const wire = accessDeniedResponse(service, message, viaKms);
          return {
            // What an HttpResponse is to the SDK (it checks the shape, not the class).
            response: { statusCode: wire.statusCode, headers: wire.headers, body: new TextEncoder().encode(wire.body) },
          };
        }
        return next(args);
      },
    { step: 'deserialize', priority: 'low', name: MIDDLEWARE_NAME },
  );
  return client;
}
