/**
 * docs/signals.md's table of signals, derived from the definitions (detectors/): each signal's id
 * and subjects, what raises it, its severities, what clears it and its dwell, worded from its
 * default config. `npm run docs` writes it into the `signals-table` block;
 * test/docs/signalsTable.test.ts fails when the block differs, so a new signal's row, or a changed
 * default, cannot be forgotten.
 */
import type * as z from '../../schema/z';
import type { DetectorConfig } from './signalTiming';
import { SIGNALS } from './detectors';

const dwell = (hours: number): string => (hours === 0 ? 'none' : `${hours} h`);

export function signalsDocsTable(): string {
  const rows = SIGNALS.flatMap((signal) => {
    const docs = signal.docs();
    if (!docs) return [];
    const defaults = (signal.config as z.ZodMiniType<DetectorConfig>).parse({});
    const cells = [
      `\`${signal.signal}\`${docs.subjects ? ` (${docs.subjects})` : ''}`,
      docs.raises,
      docs.severity,
      docs.clears,
      `${dwell(defaults.raiseDwellHours)} / ${dwell(defaults.clearDwellHours)}${docs.dwellNote ? ` (${docs.dwellNote})` : ''}`,
    ];
    return [`| ${cells.join(' | ')} |`];
  });
  return [
    '| id | raises when (defaults) | severity | clears when | dwell (raise / clear) |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
