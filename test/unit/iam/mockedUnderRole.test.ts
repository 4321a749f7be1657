/**
 * A mocked client (aws-sdk-client-mock) still runs under the deployed role: each request is judged
 * by the role attached to the client that sends it, a refusal is the SDK's own AccessDenied error
 * and never reaches the mock, and a client without a role cannot send at all.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it } from 'vitest';
import { snsClient } from '../../../shared/adapters/aws/snsClient';
import { deployedRole } from '../../support/iam/iamRole';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { roleSnsClient, roleSsmClient } from '../../support/iam/roleClients';
import { IAM_TEST_NOTIFICATIONS } from '../../support/iam/synthesizedTemplate';

const TABLE = 'hashwatch-mock-unit';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:hashwatch-alerts';
const publish = new PublishCommand({ TopicArn: TOPIC, Message: '{}' });

const sns = mockClientUnderRole(SNSClient);
afterEach(() => sns.reset());

describe('mockClientUnderRole', () => {
  it('answers an allowed request from the mock and records it, exactly as sent', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const role = deployedRole('compute', { tableName: TABLE, alertsTopicArn: TOPIC });
    await expect(roleSnsClient(role).send(publish)).resolves.toMatchObject({ MessageId: 'm-1' });
    expect(sns.commandCalls(PublishCommand).map((c) => c.args[0].input)).toEqual([{ TopicArn: TOPIC, Message: '{}' }]);
    expect(role.requests().map((r) => [r.action, r.resource, r.decision.allowed])).toEqual([
      ['sns:Publish', TOPIC, true],
    ]);
  });

  it("refuses what the role does not allow with the SDK's AuthorizationErrorException; the mock is not reached", async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const role = deployedRole('compute', { tableName: TABLE, alertsTopicArn: TOPIC });
    role.revoke('sns:Publish');
    role.expectDenials('sns:Publish');
    const error = (await roleSnsClient(role)
      .send(publish)
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as Error;
    expect(error).toMatchObject({
      name: 'AuthorizationErrorException',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
    });
    expect(error.message).toContain(`is not authorized to perform: SNS:Publish on resource: ${TOPIC}`);
    expect(sns.commandCalls(PublishCommand)).toEqual([]);
  });

  it('judges again after the mock is reset (answerPublishes resets it between tests)', async () => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' });
    // The calculator role publishes nothing.
    const calculator = deployedRole('calculator', { tableName: TABLE });
    calculator.expectDenials('sns:Publish');
    await expect(roleSnsClient(calculator).send(publish)).rejects.toMatchObject({
      name: 'AuthorizationErrorException',
    });
    expect(sns.commandCalls(PublishCommand)).toEqual([]);
  });

  it('refuses to send for a client with no role attached, naming it', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const unrestricted = snsClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    await expect(unrestricted.send(publish)).rejects.toThrow(/SNSClient sent Publish with no deployed role attached/);
    expect(sns.commandCalls(PublishCommand)).toEqual([]);
  });

  it('judges a mocked Parameter Store read with the KMS decryption it implies', async () => {
    const ssm = mockClientUnderRole(SSMClient);
    try {
      const name = IAM_TEST_NOTIFICATIONS.flatMap((c) => ('botTokenParameter' in c ? [c.botTokenParameter] : []))[0]!;
      ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'secret' } });
      const role = deployedRole('notifier', { tableName: TABLE });
      const client = roleSsmClient(role);
      await expect(client.send(new GetParameterCommand({ Name: name, WithDecryption: true }))).resolves.toMatchObject({
        Parameter: { Value: 'secret' },
      });
      expect(role.requests().map((r) => [r.action, r.decision.allowed])).toEqual([
        ['ssm:GetParameter', true],
        ['kms:Decrypt', true],
      ]);
      role.revoke('kms:Decrypt');
      role.expectDenials('kms:Decrypt');
      await expect(client.send(new GetParameterCommand({ Name: name, WithDecryption: true }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining('kms:Decrypt'),
      });
      expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    } finally {
      ssm.restore();
    }
  });
});
