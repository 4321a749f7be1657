/**
 * The calculator use case itself: bound the payload, validate it, resolve the machines in the
 * catalog, read the latest stored snapshot when the request leaves market figures out, and price.
 * It never throws: every outcome is a response or a CalculatorError. The closed-loop projection's
 * history comes in as an argument, not an import: the read API prices its sites with this module
 * and no history (a site request never projects), so its bundle leaves out the 600 KiB of daily
 * history the calculator's bundle embeds (bench/bundles.bench.ts). calculate.ts is the calculator
 * with the bundled history, what the handler, the CLI and the tests call.
 */
import type { CalculatorDeps, LatestSnapshotReader, ModelLookup } from './ports';
import {
  CalculatorErrorCode,
  calculatorError,
  issuesFromZod,
  isCalculatorError,
  type CalculatorError,
  type CalculatorIssue,
} from './errors';
import {
  estimateTipHeight,
  resolveMarket,
  scenarioMarket,
  type MarketFieldSource,
  type MarketSnapshot,
  type ResolvedMarket,
  type ScenarioMarket,
} from './market';
import { priceFleet, type CalculatorResponse, type PriceInput, type ResolvedMachineLine } from './price';
import { realizedStart } from './fleetResponseScenario';
import type { ProjectionContext } from '../data/projectionContext';
import type { ProjectionStart } from '../domain/projection/closedLoop';
import { calculatorRate, inCurrency, requestInUsd } from './currency';
import { siteEconomics } from './siteEconomics';
import {
  MAX_REQUEST_BYTES,
  calculatorRequestSchema,
  type CalculatorRequest,
  type UsdCalculatorRequest,
} from './request';

export type { CalculatorDeps, LatestSnapshotReader } from './ports';

export type CalculatorResult = CalculatorResponse | CalculatorError;

export const tooLarge = (bytes: number): CalculatorError =>
  calculatorError(
    CalculatorErrorCode.PayloadTooLarge,
    `The request is ${bytes} bytes; the limit is ${MAX_REQUEST_BYTES} bytes.`,
    [{ field: '', problem: `is larger than ${MAX_REQUEST_BYTES} bytes` }],
  );

/**
 * A request already parsed, priced with `projection` as the history of a scenario that projects
 * (fleetResponse, a realized price path): without it such a request is refused as our own fault.
 */
export async function calculateWith(
  raw: unknown,
  deps: CalculatorDeps,
  projection: (() => ProjectionContext) | undefined,
): Promise<CalculatorResult> {
  try {
    return await calculateUnsafe(raw, deps, projection);
  } catch (error) {
    // Only our own faults reach here (a user's mistake is answered above); the handler logs these.
    const reason = error instanceof Error ? error.message : String(error);
    return calculatorError(CalculatorErrorCode.Internal, `The calculator failed: ${reason}`);
  }
}

function jsonSize(raw: unknown): number | undefined {
  try {
    const text = JSON.stringify(raw);
    return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
    // swallowed: a payload JSON cannot serialize (a cycle, a BigInt) has no size; the caller refuses it
  } catch {
    return undefined;
  }
}

async function calculateUnsafe(
  raw: unknown,
  deps: CalculatorDeps,
  projection: (() => ProjectionContext) | undefined,
): Promise<CalculatorResult> {
  const bytes = jsonSize(raw);
  if (bytes === undefined) {
    // JSON.stringify throws on cycles, BigInts and nesting deep enough to exhaust the stack.
    return calculatorError(CalculatorErrorCode.InvalidRequest, 'The request cannot be read as JSON.', [
      { field: '', problem: 'is not a plain JSON value, or is nested too deeply' },
    ]);
  }
  if (bytes > MAX_REQUEST_BYTES) return tooLarge(bytes);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return calculatorError(CalculatorErrorCode.InvalidRequest, 'The request must be a JSON object.', [
      {
        field: '',
        problem: `must be a JSON object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw}`,
      },
    ]);
  }
  const parsed = calculatorRequestSchema().safeParse(raw);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    return calculatorError(CalculatorErrorCode.InvalidRequest, `The request is invalid: ${summarize(issues)}`, issues);
  }
  // A realized price path reads the start's market from the bundled history; fleetResponse reads the history too.
  const history = projectionHistory(parsed.data, startOfUtcDay(deps.now()), projection);
  if (isCalculatorError(history)) return history;
  const asked = history?.realized ? { ...parsed.data, market: historyMarket(history.realized.start) } : parsed.data;

  // Another currency needs the snapshot's mempool prices for its rate.
  const snapshot =
    (needsSnapshot(asked, deps) || asked.currency !== 'USD') && deps.snapshots
      ? await readSnapshot(deps.snapshots)
      : undefined;
  if (isCalculatorError(snapshot)) return snapshot;
  const rate = calculatorRate(asked.currency, snapshot);
  if (isCalculatorError(rate)) return rate;
  const request = requestInUsd(asked, rate);
  if (isCalculatorError(request)) return request;

  const lines = resolveMachines(request, deps.lookupModel);
  if (isCalculatorError(lines)) return lines;

  const tipEstimate =
    request.market?.tipHeight === undefined && snapshot?.tipHeight === undefined && deps.latestKnownHeight
      ? knownHeightEstimate(deps)
      : undefined;
  const resolved = resolveMarket(request.market, snapshot, tipEstimate);
  if (isCalculatorError(resolved)) return resolved;
  const market = history?.realized ? fromHistory(resolved) : resolved;

  let projectFrom: ScenarioMarket | undefined;
  let scenarioStartMs: number | undefined;
  if (request.scenario) {
    const forScenario = scenarioMarket(market, snapshot);
    if (isCalculatorError(forScenario)) return forScenario;
    projectFrom = forScenario;
    scenarioStartMs = request.scenario.startDate
      ? Date.parse(`${request.scenario.startDate}T00:00:00Z`)
      : startOfUtcDay(deps.now());
  }
  const priced = priceFleet({
    request,
    lines,
    market,
    scenarioMarket: projectFrom,
    scenarioStartMs,
    ...(history ? { history } : {}),
  });
  const site = siteEconomics({
    request,
    lines,
    market,
    snapshot,
    startMs:
      scenarioStartMs ??
      (request.scenario?.startDate ? Date.parse(`${request.scenario.startDate}T00:00:00Z`) : startOfUtcDay(deps.now())),
  });
  if (isCalculatorError(site)) return site;
  const answer = { ...priced, siteEconomics: site };
  return asked.currency === 'USD' ? answer : { ...answer, inCurrency: inCurrency(priced, rate) };
}

type History = NonNullable<PriceInput['history']>;

/**
 * The bundled history when the scenario needs it (fleetResponse, a realized path, bootstrapped
 * prices), with a realized path's start checked against it: a 400 naming the field otherwise.
 */
function projectionHistory(
  request: CalculatorRequest,
  todayMs: number,
  projection: (() => ProjectionContext) | undefined,
): History | undefined | CalculatorError {
  const scenario = request.scenario;
  if (!scenario) return undefined;
  const price = scenario.btcPricePath;
  const realized = price.type === 'realized';
  if (!realized && scenario.difficultyPath?.type !== 'fleetResponse') return undefined;
  if (realized && request.market !== undefined)
    return calculatorError(
      CalculatorErrorCode.InvalidRequest,
      'The request is invalid: market must be left out with a realized price path.',
      [
        {
          field: 'market',
          problem: "must be left out with a realized price path: the start's market comes from the bundled history",
        },
      ],
    );
  if (!projection) {
    return calculatorError(
      CalculatorErrorCode.Internal,
      'This calculator has no daily history to project from (fleetResponse and realized price paths need it).',
    );
  }
  const context = projection();
  if (!realized) return { context, realized: null };
  const start = realizedStart(context, scenario.startDate, scenario.horizonDays, todayMs);
  return isCalculatorError(start) ? start : { context, realized: start };
}

/** The market of a realized start, as the request's `market` would give it. */
function historyMarket(start: ProjectionStart): NonNullable<CalculatorRequest['market']> {
  return {
    btcPriceUsd: start.btcPriceUsd,
    difficulty: start.difficulty,
    feesBtcPerBlock: start.feesBtcPerBlock,
    tipHeight: start.tipHeight,
  };
}

/** The market read from the bundled history says so in its sources. */
function fromHistory(market: ResolvedMarket): ResolvedMarket {
  const s = market.sources;
  const history = (source: MarketFieldSource | null) => (source === 'request' ? 'history' : source);
  return {
    ...market,
    sources: {
      hashpriceUsdPerPhDay: s.hashpriceUsdPerPhDay,
      btcPriceUsd: history(s.btcPriceUsd),
      difficulty: history(s.difficulty),
      feesBtcPerBlock: history(s.feesBtcPerBlock),
      tipHeight: history(s.tipHeight),
    },
  };
}

function summarize(issues: readonly CalculatorIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => (i.field ? `${i.field} ${i.problem}` : i.problem));
  return shown.join('; ') + (issues.length > 5 ? `; and ${issues.length - 5} more` : '');
}

function startOfUtcDay(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/**
 * The snapshot is read only when the request leaves out a figure it could supply; a missing
 * tipHeight alone does not need it where a known height can stand in (the CLI offline or not).
 */
function needsSnapshot(request: CalculatorRequest, deps: CalculatorDeps): boolean {
  const m = request.market;
  if (m?.btcPriceUsd === undefined || m.difficulty === undefined || m.feesBtcPerBlock === undefined) return true;
  return m.tipHeight === undefined && deps.latestKnownHeight?.() === undefined;
}

function knownHeightEstimate(deps: CalculatorDeps): ReturnType<typeof estimateTipHeight> | undefined {
  const known = deps.latestKnownHeight?.();
  return known ? estimateTipHeight(known, deps.now().getTime()) : undefined;
}

async function readSnapshot(reader: LatestSnapshotReader): Promise<MarketSnapshot | undefined | CalculatorError> {
  try {
    return await reader.latestSnapshot();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return calculatorError(
      CalculatorErrorCode.Internal,
      `The latest stored network snapshot could not be read (${reason}); retry, or pass \`market\` in the request.`,
    );
  }
}

function resolveMachines(
  request: UsdCalculatorRequest,
  lookupModel: ModelLookup,
): ResolvedMachineLine[] | CalculatorError {
  const lines: ResolvedMachineLine[] = [];
  const issues: CalculatorIssue[] = [];
  request.machines.forEach((line, index) => {
    const capexUsdPerMachine = line.capexUsdPerMachine ?? 0;
    if (line.model !== undefined) {
      const found = lookupModel(line.model);
      if (!found.found) {
        issues.push({
          field: `machines[${index}].model`,
          problem: `unknown model "${line.model}"${found.closestNames.length > 0 ? `; closest: ${found.closestNames.join(', ')}` : ''}`,
          closestModels: found.closestNames,
        });
        return;
      }
      const m = found.machine;
      lines.push({
        source: 'catalog',
        model: m.model,
        maker: m.maker,
        hashrateThs: m.hashrateThs,
        powerWatts: m.powerWatts,
        count: line.count,
        capexUsdPerMachine,
        specUnconfirmed: m.unconfirmed ?? null,
      });
    } else {
      // The schema guarantees both figures for a custom machine.
      const hashrateThs = line.hashrateThs!;
      const powerWatts = line.powerWatts!;
      lines.push({
        source: 'custom',
        model: line.name ?? `custom ${hashrateThs} TH/s ${powerWatts} W`,
        maker: null,
        hashrateThs,
        powerWatts,
        count: line.count,
        capexUsdPerMachine,
        specUnconfirmed: null,
      });
    }
  });
  if (issues.length > 0)
    return calculatorError(CalculatorErrorCode.UnknownModel, `Unknown machine model: ${summarize(issues)}`, issues);
  return lines;
}
