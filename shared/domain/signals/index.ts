/** The signal engine's public API (used by the compute function and by the backtest). */
export { SIGNAL_IDS, SEVERITIES, TRANSITIONS, type SignalId, type Severity, type Transition } from './signalIds';
export { buildSignalInput, type SignalInput, type SignalSources, type FleetSignalInput } from './signalInput';
export { evaluateSignals, statesByKey, type EvaluationResult, type StatesByKey } from './evaluateSignals';
export { signalStateSchema, initialSignalState, stateKey, type SignalState } from './signalState';
export {
  signalEventSchema,
  signalEventId,
  SIGNAL_EVENT_SCHEMA_VERSION,
  SIGNAL_EVENT_TYPE,
  type SignalEvent,
} from './eventDocument';
export {
  emailSubject,
  emailText,
  eventMessageSchema,
  MAX_SUBJECT_CHARS,
  renderEventMessage,
  type EventMessage,
  type RenderedEvent,
} from './eventMessage';
export { DETECTORS, SIGNALS } from './detectors';
export { dailySignalSources, dayCloseIso, type DailyExtras } from './dailyReplay';
