/**
 * The status block of `npm start` (local/run/statusView.ts): every figure with its unit, the
 * global fleet labelled as such, and the owner's fleets with profit per day and break-even.
 */
import { describe, expect, it } from 'vitest';
import { formatStatus, usdPerDay, type StatusInput } from '../../../local/run/statusView';

const base: StatusInput = {
  cycle: 1,
  now: new Date('2026-11-25T13:40:00Z'),
  snapshotAt: '2026-02-01T00:10:00.000Z',
  btcPriceUsd: 78_702,
  difficulty: 141.67e12,
  hashrateHps: 847e18,
  hashpriceUsdPerPhDay: 35.17,
  hashpriceBtcPerPhDay: 0.00044683,
  estimatedChangePct: -14.34,
  epochProgressPct: 56,
  machines: [{ name: 'Antminer S19 XP', efficiencyJPerTh: 21.5, breakEvenUsdPerKwh: 0.067 }],
  fleetShareNegative: 0.102,
  fleets: [],
  activeSignals: [],
  eventsThisCycle: 0,
};

describe('status view', () => {
  it('gives the hashprice in sats a unit and says the fleet share is the global fleet', () => {
    const text = formatStatus(base).join('\n');
    expect(text).toContain('Hashprice   $35.17 /PH/day  $0.0352 /TH/day  (44683 sats/PH/day, 44.7 sats/TH/day)');
    expect(text).toContain(
      'Global fleet cash-flow negative  10.2% of network hashrate (all miners, modelled; not your fleets)',
    );
    expect(text).toContain('Your fleets                 none configured (HASHWATCH_COMPUTE_CONFIG "fleets")');
  });

  it('shows the fleet share with its band across the power-price cases when the record carries it', () => {
    const text = formatStatus({ ...base, fleetShareNegativeBand: { lowFraction: 0.0512, highFraction: 0.2611 } }).join(
      '\n',
    );
    expect(text).toContain(
      'Global fleet cash-flow negative  10.2% of network hashrate (all miners, modelled; not your fleets), band 5.1-26.1% across the low and high power-price cases',
    );
  });

  it("shows the owner's fleets: hashrate, profit per day, margin, power price and break-even", () => {
    const lines = formatStatus({
      ...base,
      fleets: [
        {
          name: 'Texas S19 XP',
          hashrateThs: 14_000,
          profitUsdPerDay: -239.4,
          marginPct: -12.3,
          powerPriceUsdPerKwh: 0.062,
          breakEvenPowerPriceUsdPerKwh: 0.0551,
        },
        {
          name: 'Tiny',
          hashrateThs: 200,
          profitUsdPerDay: -0.42,
          marginPct: -4,
          powerPriceUsdPerKwh: 0.05,
          breakEvenPowerPriceUsdPerKwh: null,
        },
      ],
    });
    expect(lines).toContain('  Your fleets (profit = revenue - power - hosting):');
    expect(lines).toContain(
      '    Texas S19 XP        14.0 PH/s   profit     -$239/day (margin -12.3%)   power 6.2 c/kWh, break-even 5.5 c/kWh',
    );
    expect(lines).toContain(
      '    Tiny                 200 TH/s   profit    -$0.42/day (margin -4.0%)   power 5.0 c/kWh, break-even n/a',
    );
  });

  it('never writes a small loss as $0/day', () => {
    expect(usdPerDay(-0.42)).toBe('-$0.42/day');
    expect(usdPerDay(0.004)).toBe('$0.00/day');
    expect(usdPerDay(-0.004)).toBe('$0.00/day');
    expect(usdPerDay(-9.996)).toBe('-$10.00/day');
    expect(usdPerDay(1234.4)).toBe('$1,234/day');
  });
});

describe('status view: curtailment', () => {
  it('shows each market-priced site: the price now, the nets, each class against its strike, and what is not counted', () => {
    const text = formatStatus({
      ...base,
      curtailment: [
        {
          site: 'West Texas',
          priceUsdPerMwh: 9000,
          priceIntervalStartIso: '2026-11-25T13:15:00.000Z',
          classes: [
            { name: 'Antminer S19j Pro', mode: 'curtail', since: '2026-11-25T12:30:00.000Z', strikeUsdPerMwh: 43.21 },
            { name: 'Antminer S21', mode: 'run', since: null, strikeUsdPerMwh: 85.1 },
          ],
          todayNetUsd: 12_345.6,
          monthNetUsd: -250,
          monthUncountedClassHours: 0.5,
        },
      ],
    }).join('\n');
    expect(text).toContain('Curtailment (market-priced sites; net = power not bought - revenue not mined):');
    expect(text).toContain(
      'West Texas: price $9000.00/MWh (interval 2026-11-25 13:15Z)   net today $12,346, this month -$250 (0.50 curtailed class-h not counted: no price or hashprice)',
    );
    expect(text).toContain('Antminer S19j Pro  CURTAILED since 2026-11-25 12:30Z   strike $43.21/MWh');
    expect(text).toContain('Antminer S21       running     strike $85.10/MWh');
  });

  it('has no curtailment section without a market-priced site', () => {
    expect(formatStatus(base).join('\n')).not.toContain('Curtailment');
  });
});
