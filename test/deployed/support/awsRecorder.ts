/**
 * The AWS endpoint the deployed assets talk to (AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SNS
 * point here): a small HTTP server on 127.0.0.1 that records every call, as IAM would authorize it
 * (action and resource), then forwards DynamoDB calls to DynamoDB Local and answers SNS Publish
 * itself (SNS's query protocol). Who called is read from the SigV4 credential scope: each function
 * runs with its own access key id, so calls are told apart without trusting the order of runs.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { standInTableArn } from './standIns';

export interface RecordedCall {
  /** The access key id the call was signed with (the caller's identity). */
  caller: string;
  /** The API operation (`Query`, `TransactWriteItems`, `Publish`). */
  operation: string;
  /** The IAM action this call needs, and the resource it needs it on (one entry per item of a transaction). */
  action: string;
  resource: string;
}

export interface PublishedMessage {
  topicArn: string;
  message: string;
  attributes: Record<string, string>;
}

export interface AwsRecorder {
  endpoint: string;
  calls(): RecordedCall[];
  published(): PublishedMessage[];
  /** Requests this stand-in could not serve (an unknown service or operation): the test fails on any. */
  refused(): string[];
  /** Answers this caller's DynamoDB calls with HTTP 500 InternalServerError (after recording them); undefined: serve. */
  failDynamoDbFor(caller: string | undefined): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** `Credential=AKID/20261201/us-east-1/dynamodb/aws4_request` -> { caller, service }. */
function credentialScope(req: IncomingMessage): { caller: string; service: string } | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '');
  return match ? { caller: match[1]!, service: match[2]! } : undefined;
}

/** What IAM checks for one DynamoDB request: transactions and batches are checked item by item. */
export function dynamoDbAuthorizations(
  operation: string,
  body: Record<string, unknown>,
): Array<{ action: string; resource: string }> {
  const onTable = (table: string, action: string, index?: string) => ({
    action: `dynamodb:${action}`,
    resource: index ? `${standInTableArn(table)}/index/${index}` : standInTableArn(table),
  });
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const items = body.TransactItems as Array<Record<string, { TableName: string }>>;
    const actionOf: Record<string, string> = {
      Put: 'PutItem',
      Update: 'UpdateItem',
      Delete: 'DeleteItem',
      ConditionCheck: 'ConditionCheckItem',
      Get: 'GetItem',
    };
    return items.flatMap((item) =>
      Object.entries(item).map(([kind, request]) => {
        const action = actionOf[kind];
        if (!action) throw new Error(`unknown transaction item kind ${kind}`);
        return onTable(request.TableName, action);
      }),
    );
  }
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    return Object.keys(body.RequestItems as Record<string, unknown>).map((table) => onTable(table, operation));
  }
  const table = body.TableName;
  if (typeof table !== 'string') throw new Error(`DynamoDB ${operation} without a TableName`);
  return [onTable(table, operation, body.IndexName as string | undefined)];
}

const xmlEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The message attributes of a query-protocol Publish (`MessageAttributes.entry.N.Name` / `.Value.StringValue`). */
function messageAttributes(form: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    attributes[form.get(`MessageAttributes.entry.${n}.Name`)!] =
      form.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? '';
  }
  return attributes;
}

export async function startAwsRecorder(options: {
  dynamoDbEndpoint: string;
  /** The access key id the local table was created with. */
  dynamoDbAccessKeyId: string;
}): Promise<AwsRecorder> {
  const calls: RecordedCall[] = [];
  const published: PublishedMessage[] = [];
  const refused: string[] = [];
  let failingCaller: string | undefined;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const scope = credentialScope(req);
      const target = req.headers['x-amz-target'];
      if (scope?.service === 'dynamodb' && typeof target === 'string' && target.startsWith('DynamoDB_20120810.')) {
        const operation = target.slice('DynamoDB_20120810.'.length);
        for (const auth of dynamoDbAuthorizations(operation, JSON.parse(body.toString('utf8')))) {
          calls.push({ caller: scope.caller, operation, ...auth });
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
          calls.push({ caller: scope.caller, operation: action, action: 'sns:Publish', resource: topicArn });
          published.push({ topicArn, message: form.get('Message') ?? '', attributes: messageAttributes(form) });
          const xml =
            `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult>` +
            `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`;
          res.writeHead(200, { 'content-type': 'text/xml' }).end(xml);
          return;
        }
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
