/**
 * The network at 2026-02-01T00:10Z (the recorded upstream fixtures, epoch 463 at 56.2%), as the
 * ingest stores it: the yardstick of the snapshot checks' tests. Made by the snapshot's one
 * constructor; every figure the fixtures give is pinned here, any other (a snapshot field newer
 * than this file) comes from the backtest's snapshot of the day before (the bundled history).
 */
import { bundledDaySnapshot } from '../../local/backtest/bundledDaySnapshot';
import { networkSnapshot, type NetworkSnapshot } from '../../shared/domain/networkSnapshot';

const dayBefore = bundledDaySnapshot('2026-01-31');

export const recordedSnapshot: NetworkSnapshot = networkSnapshot({
  ...dayBefore,
  intervalStart: '2026-02-01T00:10:00.000Z',
  observedAt: '2026-02-01T00:10:00.000Z',
  tipHeight: 934541,
  difficulty: 141668107417558.25,
  hashrateHps: 8.473037609420554e20,
  btcPriceUsd: 78702,
  fiatPrices: {},
  feesBtcPerBlock: 0.0217,
  feeWindowBlocks: 144,
  subsidyBtc: 3.125,
  epochProgress: {
    ...dayBefore.epochProgress,
    epoch: 463,
    startHeight: 933408,
    progressPct: 56.2,
    remainingBlocks: 883,
    estimatedChangePct: -14.3,
    estimatedRetargetAt: '2026-02-08T04:07:29.225Z',
    previousChangePct: -3.28,
  },
  sources: {},
  flags: [],
});
