/**
 * A crash between two writes (issue #15's simulation): armed with `afterWrites: k`, it lets an
 * invocation's first k writes reach DynamoDB and fails every later one and every publish (the
 * SNS stand-in asks `dead`), as if the process died right after the k-th. Reads still pass (a dead
 * process sends none, and they change nothing), so what the table holds afterwards is exactly
 * what a crash at that point leaves. The switch trips
 * once: `endInvocation()` disarms it, and Lambda's retry (or the next cycle) runs healthy.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

// The document client's commands reach this stack as the low-level ones they wrap.
const WRITE_COMMANDS: ReadonlySet<string> = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

export class CrashSwitch {
  private remaining: number | undefined;
  /** The process is dead: nothing it would still do reaches DynamoDB or SNS. */
  dead = false;
  /** Writes refused since the switch was last armed (kept after the invocation ends, for the report). */
  refused = 0;

  /** Installs the switch on a client: every write it sends passes through it. */
  install(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const isWrite = context.commandName !== undefined && WRITE_COMMANDS.has(context.commandName);
        if (isWrite && this.dead) {
          this.refused += 1;
          throw new SimulatedCrash(`the process died before ${context.commandName}`);
        }
        const result = await next(args);
        if (isWrite && this.remaining !== undefined) {
          this.remaining -= 1;
          if (this.remaining <= 0) this.dead = true;
        }
        return result;
      },
      { step: 'initialize', name: 'simulatedCrash' },
    );
  }

  /** The next invocation dies right after its `afterWrites`-th write (0: before its first). */
  arm(afterWrites: number): void {
    this.remaining = afterWrites;
    this.dead = afterWrites === 0;
    this.refused = 0;
  }

  /** The crashed invocation is over: later invocations write normally. */
  endInvocation(): void {
    this.remaining = undefined;
    this.dead = false;
  }
}
