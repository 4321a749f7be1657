/**
 * The calculator use case, shared by the Lambda handler and the CLI: bound the payload, validate it,
 * resolve the machines in the catalog, read the latest stored snapshot when the request leaves
 * market figures out, and price. It never throws: every outcome is a response or a CalculatorError.
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
import { estimateTipHeight, resolveMarket, scenarioMarket, type MarketSnapshot, type ScenarioMarket } from './market';
import { priceFleet, type CalculatorResponse, type ResolvedMachineLine } from './price';
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

const tooLarge = (bytes: number): CalculatorError =>
  calculatorError(
    CalculatorErrorCode.PayloadTooLarge,
    `The request is ${bytes} bytes; the limit is ${MAX_REQUEST_BYTES} bytes.`,
    [{ field: '', problem: `is larger than ${MAX_REQUEST_BYTES} bytes` }],
  );

/** A request given as JSON text (Function URL body, CLI file or stdin). */
export async function calculateFromText(text: string, deps: CalculatorDeps): Promise<CalculatorResult> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_REQUEST_BYTES) return tooLarge(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return calculatorError(CalculatorErrorCode.InvalidRequest, 'The request is not valid JSON.', [
      { field: '', problem: `is not valid JSON: ${reason}` },
    ]);
  }
  return calculate(value, deps);
}

/** A request already parsed (a direct invoke's event). */
export async function calculate(raw: unknown, deps: CalculatorDeps): Promise<CalculatorResult> {
  try {
    return await calculateUnsafe(raw, deps);
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

async function calculateUnsafe(raw: unknown, deps: CalculatorDeps): Promise<CalculatorResult> {
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
  const parsed = calculatorRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    return calculatorError(CalculatorErrorCode.InvalidRequest, `The request is invalid: ${summarize(issues)}`, issues);
  }
  const asked = parsed.data;

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
  const market = resolveMarket(request.market, snapshot, tipEstimate);
  if (isCalculatorError(market)) return market;

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
  const priced = priceFleet({ request, lines, market, scenarioMarket: projectFrom, scenarioStartMs });
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
