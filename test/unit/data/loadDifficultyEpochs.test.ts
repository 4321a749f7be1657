import { describe, expect, it } from 'vitest';
import { loadDifficultyEpochs } from '../../../shared/data/history/loadDifficultyEpochs';

const HEADER =
  'epoch,start_height,start_time_unix,start_date_utc,time_source,bits_hex,difficulty,change_pct,mempool_adjustment_ratio,duration_s_to_next_epoch,mean_block_interval_s,implied_hashrate_ehs,target_source';
// Real rows copied from the bundled file: genesis, and 437 (a date-only epoch).
const GENESIS = '0,0,1231006505,2009-01-03,genesis,0x1d00ffff,1.0,,0.0,2057026,1020.350,0.000000,bitcoinj+electrum';
const DATE_ONLY =
  '437,880992,,2025-01-27,date_only_coinmetrics_blkcnt,0x17029a8a,108105433845147.16,-2.124430,0.978756,,,,electrum_checkpoint_target';

describe('loadDifficultyEpochs', () => {
  it('reads every epoch 0..474 in order, each starting 2016 blocks after the previous', () => {
    // Act
    const epochs = loadDifficultyEpochs();

    // Assess
    expect(epochs).toHaveLength(475);
    epochs.forEach((e, i) => {
      expect(e.epoch).toBe(i);
      expect(e.startHeight).toBe(i * 2016);
    });
    expect(epochs.at(-1)?.startHeight).toBe(955_584);
  });

  it('takes startedAt from the block time, or 00:00Z of the date when the time is unknown', () => {
    // Act
    const [genesis, dateOnly] = loadDifficultyEpochs(`${HEADER}\n${GENESIS}\n${DATE_ONLY}\n`);

    // Assess: genesis block time 1231006505 is 2009-01-03 18:15:05 UTC (block 0 header)
    expect(genesis).toEqual({
      epoch: 0,
      startHeight: 0,
      startedAt: '2009-01-03T18:15:05.000Z',
      difficulty: 1,
      changePct: undefined,
      source: 'bitcoinj+electrum-checkpoints',
    });
    expect(dateOnly?.startedAt).toBe('2025-01-27T00:00:00.000Z');
    expect(dateOnly?.changePct).toBeCloseTo(-2.12443, 6);
    expect(dateOnly?.difficulty).toBe(108105433845147.16);
  });

  it('rejects a malformed row naming the file, the row and the field', () => {
    const bad = DATE_ONLY.replace('108105433845147.16', '-5');
    expect(() => loadDifficultyEpochs(`${HEADER}\n${GENESIS}\n${bad}\n`)).toThrow(
      /^btc_difficulty_epochs\.csv row 2 \(line 3\), field difficulty: .+/,
    );
    const noTime = DATE_ONLY.replace('2025-01-27', '');
    expect(() => loadDifficultyEpochs(`${HEADER}\n${noTime}\n`)).toThrow(
      /row 1 \(line 2\), field start_time_unix\/start_date_utc \(startedAt\)/,
    );
  });
});
