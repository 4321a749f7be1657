/**
 * GET /v1/signals: every signal's stored state with its last evidence, and the recent events
 * (newest first) as their published documents. Evidence stays as the detectors wrote it (USD
 * figures, named ...Usd...); with a currency other than USD each state and event also carries
 * `converted`: its USD figures in that currency, the names' "Usd" replaced by the currency's code.
 */
import { fromUsd, type Currency, type FxRate } from '../domain/currency';
import type { Evidence, EvidenceValue } from '../domain/signals/evidence';
import { pendingCommit } from '../domain/signals/pendingCommit';
import type { SignalState } from '../domain/signals/signalState';
import type { SignalsConfig } from '../domain/signals/signalsConfig';
import { SIGNAL_IDS } from '../domain/signals/signalIds';
import { isRefusal, type ApiRefusal } from './apiResponse';
import { snapshotRate } from './currencyRate';
import type { LatestStateReader, SignalReader } from './ports';
import type { ConvertedEvidence, SignalsView } from './responses/signalsResponse';

/** "hashpriceUsdPerPhDay" -> "hashpriceEurPerPhDay"; only numeric fields whose name says USD. */
function convertFields(fields: Record<string, EvidenceValue>, rate: FxRate): Record<string, EvidenceValue> {
  const code = rate.currency.charAt(0) + rate.currency.slice(1).toLowerCase();
  const out: Record<string, EvidenceValue> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'number' || !/Usd/.test(name)) continue;
    out[name.replace(/Usd/g, code)] = fromUsd(value, rate);
  }
  return out;
}

function converted(evidence: Evidence | null, rate: FxRate): ConvertedEvidence | undefined {
  if (rate.currency === 'USD' || !evidence) return undefined;
  return {
    currency: rate.currency,
    values: convertFields(evidence.values, rate),
    thresholds: convertFields(evidence.thresholds, rate),
  };
}

export async function readSignals(
  ports: { signals: SignalReader; latest: LatestStateReader; signalsConfig?: SignalsConfig | undefined },
  currency: Currency,
  eventLimit: number,
): Promise<SignalsView | ApiRefusal> {
  const rate = snapshotRate(currency === 'USD' ? undefined : await ports.latest.latestSnapshot(), currency);
  if (isRefusal(rate)) return rate;
  const [states, events] = await Promise.all([ports.signals.states(), ports.signals.recentEvents(eventLimit)]);
  const order = (s: SignalState): number => SIGNAL_IDS.indexOf(s.signal);
  states.sort((a, b) => order(a) - order(b) || a.subject.localeCompare(b.subject));
  return {
    currency,
    fx: rate,
    signals: states.map((s) => {
      const c = converted(s.lastEvidence, rate);
      const pending = ports.signalsConfig ? pendingCommit(s, ports.signalsConfig[s.signal]) : null;
      return { ...s, ...(c ? { converted: c } : {}), ...(pending ? { pendingCommit: pending } : {}) };
    }),
    events: events.map((e) => {
      const c = converted(e.evidence, rate);
      return c ? { ...e, converted: c } : e;
    }),
  };
}
