/**
 * site-conversion-advantage: a site's trailing 30-day mining margin per MW-year against its lease
 * offer's margin per MW-year. The detector's levels and band, one subject per site, the dwell
 * through the engine, and the trailing mean of buildSignalInput checked by independent arithmetic
 * on real days of the bundled history.
 */
import { describe, expect, it } from 'vitest';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { loadProfitabilityReference } from '../../../shared/compute/profitabilityReference';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';
import { realizedHashpriceOfDay } from '../../../shared/domain/hashprice';
import { DETECTORS } from '../../../shared/domain/signals/detectors';
import { evaluateSignals, stateKey, type SignalState } from '../../../shared/domain/signals';
import { buildSignalInput, type SiteSignalInput } from '../../../shared/domain/signals/signalInput';
import { signalInputWith } from '../../support/signalInput';

const LEASE = 602_847;
const site = (name: string, mining: number | undefined, lease = LEASE): SiteSignalInput => ({
  name,
  miningMarginUsdPerMwYear30d: mining,
  daysInMean: 30,
  fromDate: '2025-12-06',
  toDate: '2026-01-04',
  leaseMarginUsdPerMwYear: 1_411_200,
  leaseEquivalentUsdPerMwYear: lease,
});
const defaults = parseComputeConfig({}).signals['site-conversion-advantage'];
const levels = (sites: SiteSignalInput[], config = defaults) =>
  DETECTORS['site-conversion-advantage']
    .observe(signalInputWith({ sites }), config)
    .map((o) => [o.subject, o.entered ?? 'none', o.recovered]);

describe('site-conversion-advantage detector', () => {
  it('warns 10 % below the lease, is critical 50 % below, clears only under the 5-point band', () => {
    expect(
      levels([
        site('a', LEASE * 1.2), // mining earns more
        site('b', LEASE * 0.96), // 4 % short: under the band (10 - 5): recovered
        site('c', LEASE * 0.93), // 7 % short: inside the band, neither
        site('d', LEASE * 0.89), // 11 % short: warning
        site('e', LEASE * 0.49), // 51 % short: critical
        site('f', -100_000), // mining loses money: critical
      ]),
    ).toEqual([
      ['a', 'none', true],
      ['b', 'none', true],
      ['c', 'none', false],
      ['d', 'warning', false],
      ['e', 'critical', false],
      ['f', 'critical', false],
    ]);
  });

  it('judges neither way without a trailing mean, and never raises for an offer that earns nothing', () => {
    expect(levels([site('no history', undefined), site('poor offer', -50_000, -10_000)])).toEqual([
      ['no history', 'none', false],
      ['poor offer', 'none', true],
    ]);
  });

  it('takes its thresholds from the config and refuses a misspelt key naming it', () => {
    const config = parseComputeConfig({
      signals: { 'site-conversion-advantage': { belowLeasePct: 30, criticalBelowLeasePct: 80 } },
    }).signals['site-conversion-advantage'];
    expect(levels([site('x', LEASE * 0.75), site('y', LEASE * 0.65)], config)).toEqual([
      ['x', 'none', false],
      ['y', 'warning', false],
    ]);
    expect(() => parseComputeConfig({ signals: { 'site-conversion-advantage': { belowLeasPct: 5 } } })).toThrow(
      /signals\.site-conversion-advantage\.belowLeasPct.*belowLeasePct/,
    );
    expect(() =>
      parseComputeConfig({
        signals: { 'site-conversion-advantage': { belowLeasePct: 60, criticalBelowLeasePct: 50 } },
      }),
    ).toThrow(/criticalBelowLeasePct/);
  });

  it('words the raise with both figures per MW-year and the window', () => {
    const [observation] = DETECTORS['site-conversion-advantage'].observe(
      signalInputWith({ sites: [site('Lake', 295_647)] }),
      defaults,
    );
    const text = DETECTORS['site-conversion-advantage'].describe({
      subject: 'Lake',
      severity: 'critical',
      transition: 'raised',
      previousSeverity: null,
      evidence: observation!.evidence,
      money: {
        currency: 'USD',
        amount: (usd) => `$${Math.round(usd)}`,
        perKwh: String,
        hashprice: String,
        note: undefined,
      },
    });
    expect(text.title).toBe('Site Lake earns $295647/MW-year mining vs $602847 leased');
    expect(text.details[0]).toContain('mean of 30 days, 2025-12-06 to 2026-01-04');
    expect(text.details[1]).toContain('first-year rent less haircut and power $1411200');
    expect(text.details[2]).toBe('Mining earns 51.0% less than the lease would');
  });
});

describe('site-conversion-advantage through the engine', () => {
  const config = parseComputeConfig({}).signals; // raise dwell 24 h, clear dwell 72 h
  const hoursAfter = (h: number) => new Date(Date.UTC(2026, 0, 5) + h * 3_600_000).toISOString();

  function run(steps: { h: number; sites: SiteSignalInput[] }[]) {
    const states = new Map<string, SignalState>();
    const out: string[] = [];
    for (const { h, sites } of steps) {
      const result = evaluateSignals(signalInputWith({ decidedAt: hoursAfter(h), sites }), states, config);
      for (const s of result.states) states.set(stateKey(s.signal, s.subject), s);
      for (const e of result.events) out.push(`${h}:${e.subject}:${e.transition}:${e.severity}`);
    }
    return out;
  }

  it('raises a site only after its shortfall held 24 h, clears after 72 h back above, per site', () => {
    const short = LEASE * 0.8;
    const fine = LEASE * 1.1;
    expect(
      run([
        { h: 0, sites: [site('Lake', short), site('Ridge', fine)] },
        { h: 12, sites: [site('Lake', fine), site('Ridge', fine)] }, // broken before the dwell: forgotten
        { h: 24, sites: [site('Lake', short), site('Ridge', short)] },
        { h: 48, sites: [site('Lake', short), site('Ridge', short)] }, // both held 24 h
        { h: 60, sites: [site('Lake', fine), site('Ridge', short)] },
        { h: 120, sites: [site('Lake', fine), site('Ridge', short)] }, // Lake back for 60 h: still active
        { h: 132, sites: [site('Lake', fine), site('Ridge', short)] }, // 72 h: cleared
      ]),
    ).toEqual(['48:Lake:raised:warning', '48:Ridge:raised:warning', '132:Lake:cleared:warning']);
  });

  it('keeps an active site active through days without a trailing mean (the subject is not retired)', () => {
    expect(
      run([
        { h: 0, sites: [site('Lake', 0)] },
        { h: 24, sites: [site('Lake', 0)] },
        { h: 48, sites: [site('Lake', undefined)] },
        { h: 200, sites: [site('Lake', undefined)] },
      ]),
    ).toEqual(['24:Lake:raised:critical']);
  });
});

describe("a site's trailing 30-day margin (buildSignalInput)", () => {
  it('is the mean of each closed day at its realized hashprice, by independent arithmetic', () => {
    const config = parseComputeConfig({
      fleets: [
        {
          name: 'Lake S21',
          machines: [{ model: 'S21', count: 2800 }],
          powerPriceUsdPerKwh: 0.07, // replaced by the site's price
          poolFeePct: 2,
          uptimePct: 97,
          hostingOpexUsdPerMachinePerDay: 0.5,
        },
      ],
      sites: [
        {
          name: 'Lake',
          powerCapacityMw: 10,
          powerPrice: { type: 'fixed', usdPerMwh: 42 },
          fleets: ['Lake S21'],
          leaseOffer: { usdPerKwMonth: 130, termYears: 10, capexUsdPerMw: 9_000_000 },
        },
      ],
    });
    const sites = loadProfitabilityReference(config).sites!;
    const daily = loadDailyHistory();
    const last = daily.findIndex((d) => d.date === '2025-06-30');
    const input = buildSignalInput({
      decidedAt: '2025-07-01T00:00:00Z',
      btcPriceUsd: 107_000,
      daily: daily.slice(last - 89, last + 1),
      epochs: [],
      sites,
    });
    const window = daily.slice(last - 29, last + 1);
    // S21: 200 TH/s at 3,500 W. Per MW of nameplate: 1e6 / 3500 machines.
    const machinesPerMw = 1e6 / 3500;
    const perYear = window.map((d) => {
      const h = realizedHashpriceOfDay(d)!.usdPerPhDay;
      const revenue = (h / 1000) * 200 * machinesPerMw * 0.97 * 0.98;
      const power = 24 * 0.97 * 42; // 1 MW for 24 h at 97 % uptime, $42/MWh
      const hosting = machinesPerMw * 0.5;
      return (revenue - power - hosting) * 365.25;
    });
    const mean = perYear.reduce((a, b) => a + b, 0) / perYear.length;
    expect(input.sites).toHaveLength(1);
    expect(input.sites![0]).toMatchObject({
      name: 'Lake',
      daysInMean: 30,
      fromDate: '2025-06-01',
      toDate: '2025-06-30',
      leaseMarginUsdPerMwYear: 130 * 12_000 * 0.8, // rate on IT load x 80 % IT share, tenant pays the power
    });
    // Its equivalent annual value: the NPV per MW of -$7.2M at t = 0 (capex $9M x 80 % IT) and 120
    // monthly rents of $104,000 from month 13, at 10 %, spread over the 11-year horizon.
    const npvPerMw =
      -9_000_000 * 0.8 +
      Array.from({ length: 120 }, (_, m) => (130 * 1000 * 0.8) / 1.1 ** ((12 + m + 1) / 12)).reduce((a, b) => a + b, 0);
    expect(input.sites![0]!.leaseEquivalentUsdPerMwYear).toBeCloseTo((npvPerMw * 0.1) / (1 - 1.1 ** -11), 4);
    expect(input.sites![0]!.miningMarginUsdPerMwYear30d).toBeCloseTo(mean, 4);
  });
});
