/**
 * aws-sdk-client-mock under the deployed roles. `mockClient(SNSClient)` replaces the class's
 * `send`, so no middleware runs and the IAM evaluator attached to a client (attachIamRole) would
 * never see a request: `mockClientUnderRole` judges each mocked request against the role attached
 * to the client that sends it, before the mock answers.
 * - Allowed: the mock's behaviour answers, and the request is recorded (commandCalls) as before,
 *   so tests keep asserting the exact request.
 * - Refused: the SDK raises exactly what it raises against AWS (the service's AccessDenied parsed
 *   by its own deserializer), the mock is not reached, and the test hook fails an unexpected refusal.
 * - A client with no role attached: the send fails, naming the client and command: code under test
 *   never talks to a mocked service with unlimited permissions.
 */
import type { Client, MetadataBearer } from '@smithy/types';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { answerWith, attachedRole, refusalOf, serviceOfClient, type AnyClient } from './iamMiddleware';

type Send = (this: AnyClient, command: { input: Record<string, unknown> }, ...rest: unknown[]) => Promise<unknown>;
type ClientClass = { prototype: object; name: string };

/** A dummy endpoint: a refused request is answered by middleware and never leaves. */
const UNREACHABLE = 'http://127.0.0.1:9';

export function mockClientUnderRole<
  TInput extends object,
  TOutput extends MetadataBearer,
  TConfiguration,
>(clientClass: { prototype: Client<TInput, TOutput, TConfiguration> }): AwsStub<TInput, TOutput, TConfiguration> {
  const prototype = clientClass.prototype as unknown as { send: Send };
  const className = (clientClass as unknown as ClientClass).name;
  const service = serviceOfClient(className);
  // The SDK's own send (the stub shadows it on the class's prototype): builds a refusal's error.
  const sdkSend = (Object.getPrototypeOf(prototype) as { send: Send }).send;
  const stub = mockClient(clientClass);

  const install = (): void => {
    const mocked = prototype.send;
    prototype.send = function judged(this: AnyClient, command, ...rest) {
      const role = attachedRole(this);
      const operation = command.constructor.name.replace(/Command$/, '');
      if (!role) {
        return Promise.reject(
          new Error(
            `${className} sent ${operation} with no deployed role attached: build the client of the code under test ` +
              'with attachIamRole (test/support/iam)',
          ),
        );
      }
      const wire = refusalOf(role, service, operation, command.input);
      if (!wire) return mocked.call(this, command, ...rest);
      const Constructor = this.constructor as new (config: Record<string, unknown>) => AnyClient;
      const answering = new Constructor({
        region: 'us-east-1',
        endpoint: UNREACHABLE,
        credentials: { accessKeyId: 'iam', secretAccessKey: 'iam' },
        maxAttempts: 1,
      });
      answerWith(answering, wire);
      return sdkSend.call(answering, command, ...rest);
    };
  };
  // The mock's reset and restore replace the class's send: the judging wrapper is put back around
  // the fresh stub (reset) or taken away with it (restore).
  const uninstall = (): void => {
    prototype.send = stub.send as unknown as Send;
  };
  const reset = stub.reset.bind(stub);
  const restore = stub.restore.bind(stub);
  stub.reset = () => {
    uninstall();
    reset();
    install();
    return stub;
  };
  stub.restore = () => {
    uninstall();
    restore();
  };
  install();
  return stub;
}
