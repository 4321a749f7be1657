/**
 * The bundled table of every 2016-block difficulty epoch (`btc_difficulty_epochs.csv`: targets from
 * bitcoinj and Electrum checkpoints; see SOURCES.md) as `DifficultyEpoch` rows, oldest first.
 * `startedAt` is the epoch's first block time (`start_time_unix`) or, for the epochs whose time is
 * unknown (date only), 00:00Z of `start_date_utc`.
 */
import { difficultyEpochsText } from '#difficulty-epochs-text';
import { difficultyEpochSchema, type DifficultyEpoch } from '../../domain/difficultyEpoch';
import { columnIndex, csvRowError, numberCell, parseCsv, textCell } from '../parseCsv';

export const DIFFICULTY_EPOCHS_FILE = 'btc_difficulty_epochs.csv';
export const DIFFICULTY_EPOCHS_SOURCE = 'bitcoinj+electrum-checkpoints';

const COLUMNS = ['epoch', 'start_height', 'start_time_unix', 'start_date_utc', 'difficulty', 'change_pct'] as const;

const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  epoch: 'epoch',
  startHeight: 'start_height',
  startedAt: 'start_time_unix/start_date_utc',
  difficulty: 'difficulty',
  changePct: 'change_pct',
};

function startedAtIso(unixSeconds: number | undefined, dateUtc: string | undefined): string | undefined {
  if (unixSeconds !== undefined) {
    const ms = unixSeconds * 1000;
    return Number.isFinite(ms) ? new Date(ms).toISOString() : `invalid start_time_unix`;
  }
  return dateUtc === undefined ? undefined : `${dateUtc}T00:00:00.000Z`;
}

/** Parse `csvText` (the bundled file when omitted); a bad row throws naming file, row and field. */
export function loadDifficultyEpochs(csvText?: string): DifficultyEpoch[] {
  const text = csvText ?? difficultyEpochsText();
  const table = parseCsv(text, DIFFICULTY_EPOCHS_FILE);
  const at = columnIndex(table.header, COLUMNS, DIFFICULTY_EPOCHS_FILE);
  return table.rows.map((row, r) => {
    const f = row.fields;
    const candidate = {
      epoch: numberCell(f[at.epoch]),
      startHeight: numberCell(f[at.start_height]),
      startedAt: startedAtIso(numberCell(f[at.start_time_unix]), textCell(f[at.start_date_utc])),
      difficulty: numberCell(f[at.difficulty]),
      changePct: numberCell(f[at.change_pct]),
      source: DIFFICULTY_EPOCHS_SOURCE,
    };
    const parsed = difficultyEpochSchema.safeParse(candidate);
    if (!parsed.success) {
      throw csvRowError(DIFFICULTY_EPOCHS_FILE, row, r + 1, parsed.error.issues[0]!, COLUMN_OF_FIELD);
    }
    return parsed.data;
  });
}
