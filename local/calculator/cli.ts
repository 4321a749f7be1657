/**
 * `npm run calc -- [--json] [request.json | -]`: the calculator on the command line, the same code
 * as the Lambda. The request is a JSON file, or standard input when the file is `-` or absent.
 * Prints a readable table, or with --json exactly what the Lambda returns. With TABLE_NAME set (and
 * DYNAMODB_ENDPOINT for DynamoDB Local) it reads the latest stored snapshot like the Lambda does;
 * without, the request must carry `market`.
 * Exit codes: 0 priced, 1 the request was refused (the error is printed), 2 wrong usage.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readFile } from 'node:fs/promises';
import { DynamoLatestSnapshotReader } from '../../shared/adapters/dynamo/latestSnapshotReader';
import { localDynamoClient } from '../devtools/localClient';
import { calculateFromText, type CalculatorDeps } from '../../shared/calculator/calculate';
import { catalogModelLookup } from '../../shared/calculator/catalog';
import { isCalculatorError } from '../../shared/calculator/errors';
import { MAX_REQUEST_BYTES } from '../../shared/calculator/request';
import { renderError, renderResponse } from '../../shared/calculator/table';
import { runWhenEntryPoint } from '../runCli';

const USAGE = `usage: npm run calc -- [--json] [request.json | -]
  request.json  the request (see the README's calculator section); "-" or nothing reads standard input
  --json        print the answer exactly as the Lambda returns it`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    chunks.push(buffer);
    // Keep reading only a little past the limit: the calculator reports the oversize itself.
    if (size > MAX_REQUEST_BYTES + 1) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function snapshotsFromEnv(env: NodeJS.ProcessEnv): CalculatorDeps['snapshots'] {
  const tableName = env.TABLE_NAME;
  if (!tableName) return undefined;
  const client = env.DYNAMODB_ENDPOINT ? localDynamoClient(env.DYNAMODB_ENDPOINT) : new DynamoDBClient({});
  return new DynamoLatestSnapshotReader(client, tableName);
}

export async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknownFlag = rest.find((a) => a.startsWith('-') && a !== '-');
  if (unknownFlag || rest.length > 1) {
    console.error(unknownFlag ? `unknown option ${unknownFlag}` : 'give one request file');
    console.error(USAGE);
    return 2;
  }
  const file = rest[0];
  if (file === undefined && process.stdin.isTTY) {
    console.error(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = file === undefined || file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const deps: CalculatorDeps = {
    lookupModel: catalogModelLookup(),
    snapshots: snapshotsFromEnv(process.env),
    now: () => new Date(),
  };
  const result = await calculateFromText(text, deps);
  if (json) console.log(JSON.stringify(result, null, 2));
  else if (isCalculatorError(result)) console.error(renderError(result));
  else console.log(renderResponse(result));
  return isCalculatorError(result) ? 1 : 0;
}

runWhenEntryPoint(import.meta.url, main);
