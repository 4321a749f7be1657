/**
 * The AWS endpoint the deployed assets talk to (AWS_ENDPOINT_URL_DYNAMODB / _SNS / _SSM point
 * here): a small HTTP server on 127.0.0.1 that judges every call with the caller's role, as IAM
 * would (test/support/iam: action, resource, conditions), records it, answers a refused one with
 * the service's own AccessDenied response, then forwards DynamoDB calls to DynamoDB Local and
 * answers SNS Publish (SNS's query protocol) and SSM GetParameter (from the parameters given)
 * itself. Who called is read from the SigV4 credential scope: each function runs with its own
 * access key id, so calls are told apart without trusting the order of runs.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { accessDeniedMessage, accessDeniedResponse, type WireResponse } from '../../support/iam/accessDenied';
import { requiredAuthorizations, type AwsService } from '../../support/iam/authorizations';
import type { IamRole } from '../../support/iam/iamRole';
import { readBody } from '../../support/httpBody';

export interface RecordedCall {
  /** The access key id the call was signed with (the caller's identity). */
  caller: string;
  /** The API operation (`Query`, `TransactWriteItems`, `Publish`). */
  operation: string;
  /** The IAM action this call needs, and the resource it needs it on (one entry per item of a transaction). */
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
  /** Whether the caller's role allowed it (a refused call was answered with AccessDenied). */
  allowed: boolean;
}

export interface PublishedMessage {
  topicArn: string;
  message: string;
  attributes: Record<string, string>;
  /** The request as SNS received it, in the SDK's input shape (what a subscription's delivery is built from). */
  input: PublishCommandInput;
}

export interface AwsRecorder {
  endpoint: string;
  calls(): RecordedCall[];
  published(): PublishedMessage[];
  /** Requests this stand-in could not serve (an unknown service or operation): the test fails on any. */
  refused(): string[];
  /** Answers this caller's DynamoDB calls with HTTP 500 InternalServerError (after recording them); undefined: serve. */
  failDynamoDbFor(caller: string | undefined): void;
  /** Answers this caller's SNS Publish with HTTP 500 InternalError (an SNS outage, after judging it); undefined: serve. */
  failSnsFor(caller: string | undefined): void;
  close(): Promise<void>;
}

/** `Credential=AKID/20261201/us-east-1/dynamodb/aws4_request` -> { caller, service }. */
function credentialScope(req: IncomingMessage): { caller: string; service: string } | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '');
  return match ? { caller: match[1]!, service: match[2]! } : undefined;
}

const xmlEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The message attributes of a query-protocol Publish (`MessageAttributes.entry.N.Name` / `.Value.StringValue`). */
function messageAttributes(form: URLSearchParams): NonNullable<PublishCommandInput['MessageAttributes']> {
  const attributes: NonNullable<PublishCommandInput['MessageAttributes']> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    attributes[form.get(`MessageAttributes.entry.${n}.Name`)!] = {
      DataType: form.get(`MessageAttributes.entry.${n}.Value.DataType`) ?? 'String',
      StringValue: form.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? '',
    };
  }
  return attributes;
}

/** A query-protocol Publish read back into the SDK's input shape. */
function publishInput(form: URLSearchParams, topicArn: string): PublishCommandInput {
  const optional = (name: 'Subject' | 'MessageStructure') => {
    const value = form.get(name);
    return value === null ? {} : { [name]: value };
  };
  return {
    TopicArn: topicArn,
    Message: form.get('Message') ?? '',
    ...optional('Subject'),
    ...optional('MessageStructure'),
    MessageAttributes: messageAttributes(form),
  };
}

export async function startAwsRecorder(options: {
  dynamoDbEndpoint: string;
  /** The access key id the local table was created with. */
  dynamoDbAccessKeyId: string;
  /** The role of each caller (access key id): every call is judged by it; a caller without one is refused. */
  roleOf: (caller: string) => IamRole | undefined;
  /** SSM parameters (name -> value) the SSM stand-in serves. */
  parameters?: Readonly<Record<string, string>>;
}): Promise<AwsRecorder> {
  const calls: RecordedCall[] = [];
  const published: PublishedMessage[] = [];
  const refused: string[] = [];
  let failingCaller: string | undefined;
  let snsFailingCaller: string | undefined;

  /** Judges and records one request; the AWS error response when the caller's role refuses it. */
  const authorize = (
    caller: string,
    service: AwsService,
    operation: string,
    input: Record<string, unknown>,
  ): WireResponse | undefined => {
    const role = options.roleOf(caller);
    if (!role) throw new Error(`no role for the caller ${caller}`);
    let refusal: WireResponse | undefined;
    for (const request of requiredAuthorizations(service, operation, input, role.scope)) {
      const decision = role.judge(service, operation, request);
      calls.push({ caller, operation, ...request, allowed: decision.allowed });
      if (!decision.allowed && !refusal) {
        const message = accessDeniedMessage(role.principalArn, request, decision.reason, service);
        refusal = accessDeniedResponse(service, message, service === 'ssm' && request.action.startsWith('kms:'));
      }
    }
    return refusal;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const scope = credentialScope(req);
      const target = req.headers['x-amz-target'];
      if (scope?.service === 'dynamodb' && typeof target === 'string' && target.startsWith('DynamoDB_20120810.')) {
        const operation = target.slice('DynamoDB_20120810.'.length);
        const refusal = authorize(scope.caller, 'dynamodb', operation, JSON.parse(body.toString('utf8')));
        if (refusal) {
          res.writeHead(refusal.statusCode, refusal.headers).end(refusal.body);
          return;
        }
        if (scope.caller === failingCaller) {
          res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' }).end(
            JSON.stringify({
              __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
              message: 'Internal server error (injected by the test)',
            }),
          );
          return;
        }
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(
            ([name]) => !['host', 'content-length', 'connection', 'transfer-encoding'].includes(name),
          ),
        ) as Record<string, string>;
        // DynamoDB Local keeps one database per access key id (and region), and checks no
        // signature: every caller is sent on as the one identity the test's table was made with.
        headers.authorization = (headers.authorization ?? '').replace(
          /Credential=[^/]+\//,
          `Credential=${options.dynamoDbAccessKeyId}/`,
        );
        const answer = await fetch(options.dynamoDbEndpoint, { method: 'POST', headers, body });
        // Byte for byte: the SDK checks the body against DynamoDB's x-amz-crc32 header.
        const bytes = Buffer.from(await answer.arrayBuffer());
        const out: Record<string, string> = { 'content-length': String(bytes.length) };
        answer.headers.forEach((value, name) => {
          if (!['content-length', 'connection', 'transfer-encoding', 'content-encoding'].includes(name))
            out[name] = value;
        });
        res.writeHead(answer.status, out).end(bytes);
        return;
      }
      if (scope?.service === 'sns') {
        const form = new URLSearchParams(body.toString('utf8'));
        const action = form.get('Action');
        const topicArn = form.get('TopicArn') ?? form.get('TargetArn');
        if (action === 'Publish' && topicArn) {
          const refusal = authorize(scope.caller, 'sns', action, { TopicArn: topicArn });
          if (refusal) {
            res.writeHead(refusal.statusCode, refusal.headers).end(refusal.body);
            return;
          }
          if (scope.caller === snsFailingCaller) {
            res
              .writeHead(500, { 'content-type': 'text/xml' })
              .end(
                `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Receiver</Type><Code>InternalError</Code>` +
                  `<Message>Internal error (injected by the test)</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
              );
            return;
          }
          const input = publishInput(form, topicArn);
          const attributes = Object.fromEntries(
            Object.entries(input.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? '']),
          );
          published.push({ topicArn, message: input.Message ?? '', attributes, input });
          const xml =
            `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult>` +
            `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`;
          res.writeHead(200, { 'content-type': 'text/xml' }).end(xml);
          return;
        }
      }
      if (scope?.service === 'ssm' && target === 'AmazonSSM.GetParameter') {
        const input = JSON.parse(body.toString('utf8')) as { Name: string; WithDecryption?: boolean };
        const refusal = authorize(scope.caller, 'ssm', 'GetParameter', input);
        if (refusal) {
          res.writeHead(refusal.statusCode, refusal.headers).end(refusal.body);
          return;
        }
        const value = options.parameters?.[input.Name];
        const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() };
        if (value === undefined) {
          res.writeHead(400, headers).end(JSON.stringify({ __type: 'ParameterNotFound' }));
          return;
        }
        const parameter = { Name: input.Name, Type: 'SecureString', Value: value, Version: 1, DataType: 'text' };
        res.writeHead(200, headers).end(JSON.stringify({ Parameter: parameter }));
        return;
      }
      const what = `${scope?.service ?? 'unsigned'} ${String(target ?? new URLSearchParams(body.toString('utf8')).get('Action'))}`;
      refused.push(what);
      res
        .writeHead(400, { 'content-type': 'text/xml' })
        .end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${xmlEscape(`the test stand-in does not serve ${what}`)}</Message></Error></ErrorResponse>`,
        );
    })().catch((error: unknown) => {
      refused.push(`stand-in error: ${(error as Error).message}`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => [...calls],
    published: () => [...published],
    refused: () => [...refused],
    failDynamoDbFor: (caller) => {
      failingCaller = caller;
    },
    failSnsFor: (caller) => {
      snsFailingCaller = caller;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
