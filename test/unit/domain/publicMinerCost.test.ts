import { describe, expect, it } from 'vitest';
import { loadPublicMiners } from '../../../shared/data/publicMiners';
import { publicMinerCostPerBtc, type ReportedFleet } from '../../../shared/domain/publicMinerCost';
import { ehsToHps } from '../../../shared/domain/units';

// Late-2025 network: ~1,100 EH/s, 144 blocks x 3.125 BTC = 450 BTC issued and ~3 BTC of fees a day.
const network = { networkHashrateHps: ehsToHps(1100), btcIssuedPerDay: 450, btcFeesPerDay: 3 };

const riotLike: ReportedFleet = {
  ticker: 'RIOT',
  operationalHashrateEhs: { value: 32.2 },
  fleetEfficiencyJPerTh: { value: 20.5 },
  powerPriceUsdPerKwh: { value: 0.042 },
};

describe('publicMinerCostPerBtc', () => {
  it('matches hand arithmetic for a Riot-sized fleet', () => {
    const result = publicMinerCostPerBtc(riotLike, network);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 32.2e6 TH/s x 20.5 W = 660.1 MW; x 24 h = 15,842,400 kWh x $0.042 = $665,380.80 a day.
    expect(result.powerMw).toBeCloseTo(660.1, 9);
    expect(result.powerCostUsdPerDay).toBeCloseTo(665_380.8, 6);
    // 32.2 / 1100 of 453 BTC = 13.2605 BTC a day -> $50,177 per BTC.
    expect(result.btcMinedPerDay).toBeCloseTo((32.2 / 1100) * 453, 12);
    expect(result.energyUsdPerBtc).toBeCloseTo(665_380.8 / ((32.2 / 1100) * 453), 6);
    expect(Math.round(result.energyUsdPerBtc)).toBe(50_177);
  });

  it('doubles the cost per BTC when the network hashrate doubles', () => {
    const base = publicMinerCostPerBtc(riotLike, network);
    const doubled = publicMinerCostPerBtc(riotLike, { ...network, networkHashrateHps: ehsToHps(2200) });
    expect(base.ok && doubled.ok).toBe(true);
    if (base.ok && doubled.ok) expect(doubled.energyUsdPerBtc).toBeCloseTo(2 * base.energyUsdPerBtc, 6);
  });

  it('names the figures a miner did not report instead of guessing them', () => {
    const result = publicMinerCostPerBtc(
      { ...riotLike, ticker: 'CORZ', fleetEfficiencyJPerTh: { value: null }, powerPriceUsdPerKwh: { value: null } },
      network,
    );
    expect(result).toEqual({
      ok: false,
      ticker: 'CORZ',
      missing: ['fleetEfficiencyJPerTh', 'powerPriceUsdPerKwh'],
      message:
        'CORZ has no reported fleetEfficiencyJPerTh, powerPriceUsdPerKwh: its energy cost per BTC cannot be estimated',
    });
  });

  it('estimates every bundled miner that reports all three figures below the Q4 2025 BTC price', () => {
    // Q4 2025 BTC traded ~$86k-124k; public miners' energy costs were reported well under that.
    const estimated = loadPublicMiners()
      .miners.map((m) => publicMinerCostPerBtc(m, network))
      .filter((r) => r.ok);
    expect(estimated.map((r) => r.ticker).sort()).toEqual(['CIFR', 'CLSK', 'IREN', 'RIOT']);
    for (const r of estimated) {
      expect(r.energyUsdPerBtc).toBeGreaterThan(20_000);
      expect(r.energyUsdPerBtc).toBeLessThan(86_000);
    }
  });

  it('rejects a non-positive network hashrate', () => {
    expect(() => publicMinerCostPerBtc(riotLike, { ...network, networkHashrateHps: 0 })).toThrow(/networkHashrateHps/);
  });
});
