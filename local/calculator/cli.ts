/**
 * `npm run calc -- [--json] [--wide] [--offline] [request.json | -]`: the calculator on the command
 * line, the same code as the Lambda. The request is a JSON file, or standard input when the file
 * is `-` or absent. Prints a readable table, or with --json exactly what the Lambda returns.
 * Market figures the request leaves out come from cliMarket.ts (a table, the live APIs, or the
 * bundled history), and the CLI says which it used.
 * Exit codes: 0 priced, 1 the request was refused (the error is printed), 2 wrong usage.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { calculateFromText, type CalculatorDeps } from '../../shared/calculator/calculate';
import { catalogModelLookup } from '../../shared/calculator/catalog';
import { isCalculatorError } from '../../shared/calculator/errors';
import { MAX_REQUEST_BYTES } from '../../shared/calculator/request';
import { renderError, renderResponse, wrapLine } from '../../shared/calculator/table';
import { runWhenEntryPoint } from '../runCli';
import { CliMarketReader, describeOrigin, LIVE_TIMEOUT_MS } from './cliMarket';

const USAGE = 'usage: npm run --silent calc -- [--json] [--wide] [--offline] [request.json | -]';
const HINT = 'see npm run calc -- --help';

export const HELP = `${USAGE}

Prices machines, a fleet or a scenario (the same code as the calculator Lambda) and prints a table
that fits 120 columns, or with --json exactly what the Lambda returns.

Arguments and options:
  request.json   the request (docs/calculator.md; examples/calc-*.json); "-" or nothing
                 reads standard input
  --json         print the answer exactly as the Lambda returns it (the market note goes to stderr)
  --wide         every column (break-even BTC price, curtailment strike, payback, subsidy...)
  --offline      do not fetch live figures: use the latest bundled day (shared/data/history, or
                 the history cache's after it)
  -h, --help     this help

Market figures the request leaves out (give "market" to set them yourself):
  - with TABLE_NAME set: the latest snapshot stored in that table, as the Lambda reads it;
  - otherwise the live figures, fetched as the ingest fetches them (mempool.space, with Coinbase,
    Kraken, CoinGecko and blockchain.info as fallbacks; ${LIVE_TIMEOUT_MS / 1000} s per request);
  - offline, the latest bundled day. The output says which it used, and its date.
  With btcPriceUsd, difficulty and feesBtcPerBlock given and no tipHeight, the tip (it sets the
  subsidy) is estimated from the latest known height and the date, and the output says so.

Environment:
  TABLE_NAME                  price on the latest snapshot of this DynamoDB table
  AWS_ENDPOINT_URL_DYNAMODB   the DynamoDB endpoint for TABLE_NAME (the AWS SDK's own variable);
                              npm start prints the value for its DynamoDB Local
  HASHWATCH_INGEST_CONFIG     the ingest config (JSON): its sources' base URLs (a self-hosted mempool)
  HASHWATCH_HISTORY_CACHE     the history cache read after the bundled day (npm run history -- update):
                              unset, .hashwatch/history-cache/; "off", none; anything else, that directory

Examples:
  npm run --silent calc -- examples/calc-s19xp.json
  npm run --silent calc -- --wide examples/calc-fleet.json
  echo '{"machines":[{"model":"S21","count":10}],"powerPriceUsdPerKwh":0.06}' | npm run --silent calc
  TABLE_NAME=hashwatch-local AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:PORT npm run --silent calc -- examples/calc-s19xp.json`;

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

function givesHashprice(text: string): boolean {
  try {
    const value = JSON.parse(text) as { market?: { hashpriceUsdPerPhDay?: unknown } } | null;
    return value?.market?.hashpriceUsdPerPhDay !== undefined;
  } catch {
    return false; // the calculator reports the invalid JSON itself
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        wide: { type: 'boolean', default: false },
        offline: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error as Error).message.replace(/^Unknown option '([^']+)'.*$/s, 'unknown option $1');
    console.error(`calc: ${message}; ${HINT}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) {
    console.error(`calc: give one request file, got ${positionals.length}; ${HINT}`);
    return 2;
  }
  const file = positionals[0];
  if (file === undefined && process.stdin.isTTY) {
    console.error(`calc: give a request file, or pipe one on standard input; ${HINT}`);
    return 2;
  }
  let text: string;
  try {
    text = file === undefined || file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    console.error(`calc: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const now = () => new Date();
  const market = new CliMarketReader({ env: process.env, offline: values.offline, now });
  // A request that names its hashprice is priced on it alone (as the Lambda does without a
  // table), unless TABLE_NAME asks for the stored market: nothing is fetched for it.
  const useMarket = Boolean(process.env.TABLE_NAME) || !givesHashprice(text);
  const deps: CalculatorDeps = {
    lookupModel: catalogModelLookup(),
    ...(useMarket ? { snapshots: market, latestKnownHeight: () => market.latestKnownHeight() } : {}),
    now,
  };
  const result = await calculateFromText(text, deps);
  const origin = isCalculatorError(result) || !useMarket ? undefined : describeOrigin(market.origin);
  const note = origin === undefined ? undefined : wrapLine(origin, 120, 8);
  if (values.json) {
    if (note) console.error(note);
    console.log(JSON.stringify(result, null, 2));
  } else if (isCalculatorError(result)) console.error(renderError(result));
  else console.log([...(note ? [note] : []), renderResponse(result, { wide: values.wide })].join('\n'));
  return isCalculatorError(result) ? 1 : 0;
}

runWhenEntryPoint(import.meta.url, main);
