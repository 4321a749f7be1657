/**
 * Which history a local replay reads: the bundled history with the update's cache (the default,
 * localHistory.ts; the bundled history alone with `--bundled-only` or HASHWATCH_HISTORY_CACHE=off),
 * the deployment's table (`--from-table`: TABLE_NAME, at AWS_ENDPOINT_URL_DYNAMODB
 * when set), or its read API (`--from-api <url>`, signed with the user's AWS credentials).
 */
import { dynamoEndpoint, tableClient } from '../devtools/tableClient';
import { MS_PER_DAY } from '../../shared/domain/units';
import { historyFromApi, type ApiHistoryOptions } from './apiHistory';
import { HistoryCacheError, historyCacheSetting } from './historyCache';
import { bundledOnlyHistory, joinHistory, localHistory, type History } from './localHistory';
import { historyFromTable } from './tableHistory';

export interface HistorySourceChoice {
  fromTable: boolean;
  fromApi: string | undefined;
  /** `--bundled-only`: no cache, whatever HASHWATCH_HISTORY_CACHE says. */
  bundledOnly?: boolean;
  /** The replay's first reported day and its warm-up: the API is asked from the warm-up's start. */
  from: string;
  to: string;
  warmupDays: number;
  env: NodeJS.ProcessEnv;
  now: Date;
  /** For tests: the API's credentials and fetch. */
  api?: Pick<ApiHistoryOptions, 'credentials' | 'fetchImpl' | 'region' | 'pageDays'>;
}

export interface ChosenHistory {
  history: History;
  /** What the history is, for the notes ("the bundled history", "table hashwatch", ...). */
  label: string;
}

export async function chooseHistory(choice: HistorySourceChoice): Promise<ChosenHistory> {
  if (choice.fromTable && choice.fromApi !== undefined)
    throw new HistoryCacheError('give --from-table or --from-api, not both');
  if (choice.bundledOnly && (choice.fromTable || choice.fromApi !== undefined))
    throw new HistoryCacheError(`give --bundled-only or ${choice.fromTable ? '--from-table' : '--from-api'}, not both`);
  if (choice.fromTable) {
    const tableName = choice.env.TABLE_NAME;
    if (!tableName)
      throw new HistoryCacheError(
        '--from-table reads the table TABLE_NAME names (and AWS_ENDPOINT_URL_DYNAMODB for DynamoDB Local): set TABLE_NAME',
      );
    const endpoint = dynamoEndpoint(choice.env);
    const client = tableClient(choice.env);
    try {
      return {
        history: await historyFromTable(client, tableName),
        label: `table ${tableName}${endpoint ? ` at ${endpoint}` : ''}`,
      };
    } finally {
      client.destroy();
    }
  }
  const cache = choice.bundledOnly ? false : historyCacheSetting(choice.env);
  if (choice.fromApi !== undefined) {
    const fromMs = Date.parse(`${choice.from}T00:00:00Z`) - choice.warmupDays * MS_PER_DAY;
    const yesterday = new Date(choice.now.getTime() - MS_PER_DAY).toISOString().slice(0, 10);
    return {
      history: await historyFromApi({
        baseUrl: choice.fromApi,
        from: new Date(fromMs).toISOString().slice(0, 10),
        to: choice.to < yesterday ? choice.to : yesterday,
        // The epochs are chain facts, the same for every deployment: the bundled (and cached) table.
        epochs: localHistory(cache).epochs,
        ...choice.api,
      }),
      label: `${choice.fromApi} /v1/history`,
    };
  }
  const bundled = bundledOnlyHistory();
  const history = cache === false ? bundled : joinHistory(bundled, cache);
  const cachedDays = history.daily.length - bundled.daily.length;
  return {
    history,
    label:
      cachedDays > 0
        ? `the bundled history with ${cachedDays} day(s) from the cache in ${cache as string}`
        : 'the bundled history',
  };
}
