/**
 * Whose permissions each simulated AWS client carries (issue #22). In AWS every function calls
 * DynamoDB and SNS with its own execution role; the simulation gives every client it builds the
 * role of the function whose code sends through it, through one seam: `attachRole(client, role)`,
 * which the caller (the soak bench, the simulation test) fills with the policy evaluator built from
 * the synthesized template. Without it the clients have DynamoDB Local's full access.
 *
 * On top of it, the grant-revoked fault (faultSchedule.ts): for some cycles one action of one role
 * is refused, exactly as AWS refuses a call its policy does not allow (an AccessDeniedException
 * from DynamoDB, an AuthorizationError from SNS, HTTP 400/403, not retryable). Every refusal a
 * client meets is recorded, the fault's and the policy's alike, so the invariants can check that
 * the policy refused nothing the pipeline does and that each revoked call surfaced as a failure
 * the alarms see.
 */
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { SNSServiceException } from '@aws-sdk/client-sns';

/** The functions whose code the simulation runs. The scheduled drain is the compute function. */
export type FunctionRole = 'ingest' | 'compute' | 'notifier';

/** Any AWS SDK v3 client: its middleware stack is where a role's policy is enforced. */
export interface AwsClient {
  middlewareStack: { add: (middleware: never, options: never) => void };
}

/** What a role's resources stand for in a run: its DynamoDB Local table and the SNS stand-in's topic. */
export interface RoleStandIns {
  tableName: string;
  topicArn: string;
}

/** Gives a client the permissions of `role` (the evaluator's middleware); the simulation calls it once per client. */
export type AttachRole = (client: AwsClient, role: FunctionRole, standIns: RoleStandIns) => void;

/** An action a role may be refused: `dynamodb:PutItem`, `sns:Publish`. */
export interface Grant {
  role: FunctionRole;
  action: string;
}

/** The grants the fault revokes, each on a path where a refusal must not go unseen. */
export const REVOCABLE_GRANTS: readonly Grant[] = [
  // The profitability record: the compute fails the stream record (RecordFailures).
  { role: 'compute', action: 'dynamodb:PutItem' },
  // The publish: the event stays in the outbox (PublishFailures, OutboxPendingAgeSeconds).
  { role: 'compute', action: 'sns:Publish' },
  // The delivery ledger: the notifier fails (Lambda Errors), the event ends in its failure queue.
  { role: 'notifier', action: 'dynamodb:UpdateItem' },
];

const SERVICE_OF_CLIENT: Record<string, string> = { DynamoDBClient: 'dynamodb', SNSClient: 'sns' };

/** The IAM action a command is authorized as: `DynamoDBClient` + `PutItemCommand` is `dynamodb:PutItem`. */
export function actionOf(clientName: string | undefined, commandName: string | undefined): string | undefined {
  const service = clientName === undefined ? undefined : SERVICE_OF_CLIENT[clientName];
  if (!service || !commandName) return undefined;
  return `${service}:${commandName.replace(/Command$/, '')}`;
}

/** The refusal AWS answers a call the caller's policy does not allow, as the SDK raises it. */
export function accessDenied(role: FunctionRole, action: string): Error {
  const message = `User: arn:aws:sts::000000000000:assumed-role/hashwatch-${role}/hashwatch-${role} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
  if (action.startsWith('sns:'))
    return new SNSServiceException({
      name: 'AuthorizationError',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
      message,
    });
  return new DynamoDBServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message,
  });
}

/** A call AWS (or the simulation's policy evaluator) refused. */
export interface Denial {
  cycle: number;
  role: FunctionRole;
  action: string;
  /** Refused because the grant-revoked fault had revoked its grant; otherwise the role's policy refused it. */
  revoked: boolean;
}

const DENIAL_NAMES: ReadonlySet<string> = new Set(['AccessDeniedException', 'AuthorizationError', 'AccessDenied']);

/**
 * The grants revoked right now, and every refusal any client met. The watch sits outside every
 * other middleware, so it sees a refusal even when the code that sent the call swallows it.
 */
export class GrantRevocations {
  private readonly revoked = new Set<string>();
  private readonly revokedCalls = new WeakSet<object>();
  readonly denials: Denial[] = [];
  cycle = 0;

  /** Revokes exactly these grants (none: every grant is back). */
  set(grants: readonly Grant[]): void {
    this.revoked.clear();
    for (const g of grants) this.revoked.add(`${g.role} ${g.action}`);
  }

  /** Watches `role`'s client for refusals, and refuses its revoked actions before they reach the wire. */
  install(client: AwsClient, role: FunctionRole): void {
    type Next = (args: unknown) => Promise<unknown>;
    type Context = { clientName?: string; commandName?: string };
    const watch = (next: Next, context: Context) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (error) {
        const name = (error as { name?: unknown } | undefined)?.name;
        if (typeof name === 'string' && DENIAL_NAMES.has(name))
          this.denials.push({
            cycle: this.cycle,
            role,
            action: actionOf(context.clientName, context.commandName) ?? String(context.commandName),
            revoked: this.revokedCalls.has(error as object),
          });
        throw error;
      }
    };
    const revoke = (next: Next, context: Context) => async (args: unknown) => {
      const action = actionOf(context.clientName, context.commandName);
      if (action !== undefined && this.revoked.has(`${role} ${action}`)) {
        const error = accessDenied(role, action);
        this.revokedCalls.add(error);
        throw error;
      }
      return next(args);
    };
    client.middlewareStack.add(
      watch as never,
      { step: 'initialize', priority: 'high', name: 'simulatedDenialWatch' } as never,
    );
    client.middlewareStack.add(
      revoke as never,
      { step: 'initialize', priority: 'low', name: 'simulatedGrantRevocation' } as never,
    );
  }
}
