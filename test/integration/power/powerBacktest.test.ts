/**
 * `npm run power -- backtest` on the reconstructed events: Winter Storm Uri through the live
 * decision with the bundled hashprice. The savings are recomputed here from the machines' nameplate
 * watts and the event's segments (not from the replay's own helpers).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../local/power/cli';
import { loadMachineCatalog } from '../../../shared/data/machineCatalog';
import { loadPowerEvents, parsePowerEvents } from '../../../shared/data/powerEvents';
import { DataFileError } from '../../../shared/data/dataFile';

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(...line.split('\n')));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
});
afterEach(() => vi.restoreAllMocks());

const uri = loadPowerEvents().events.find((e) => e.id === 'uri-2021')!;
/** The reconstructed price at an instant (the segment that covers it). */
const uriPriceAt = (ms: number): number =>
  uri.segments.find((s) => Date.parse(s.from) <= ms && ms < Date.parse(s.to))!.usdPerMwh;

describe('npm run power -- backtest --event uri-2021', () => {
  it('curtails both classes from the second interval of the storm to the interval after the first cheap one, and counts the energy not bought', async () => {
    expect(await main(['backtest', '--event', 'uri-2021'])).toBe(0);
    expect(out[0]).toMatch(/^Winter Storm Uri, February 2021: .* 672 intervals, RECONSTRUCTED/);
    const timeline = out
      .filter((l) => /^ {2}2021-02-\d\d \d\d:\d\dZ {2}(curtail|resume)/.test(l))
      .map((l) => l.slice(2).split('  (')[0]!);
    expect(timeline).toEqual([
      '2021-02-13 06:15Z  curtail  Antminer S19j Pro',
      '2021-02-13 06:15Z  curtail  Antminer S21',
      '2021-02-19 15:30Z  resume   Antminer S21',
      '2021-02-19 15:30Z  resume   Antminer S19j Pro',
    ]);
    // Both classes curtailed from 06:15Z Feb 13 to 15:30Z Feb 19: MW (nameplate watts x 1,000) x 0.25 h x price.
    const catalog = loadMachineCatalog().machines;
    const mw = ['Antminer S19j Pro', 'Antminer S21']
      .map((model) => (catalog.find((m) => m.model === model)!.powerWatts * 1000) / 1e6)
      .reduce((a, b) => a + b, 0);
    let energyUsd = 0;
    for (let ms = Date.parse('2021-02-13T06:15:00Z'); ms < Date.parse('2021-02-19T15:30:00Z'); ms += 15 * 60_000)
      energyUsd += mw * 0.25 * uriPriceAt(ms);
    const total = out
      .find((l) => l.startsWith('  total'))!
      .split('|')
      .map((c) => c.trim());
    expect(Number(total[2]!.replace(/[$,]/g, ''))).toBeCloseTo(energyUsd, -1);
    expect(Number(total[1])).toBe(
      2 * ((Date.parse('2021-02-19T15:30:00Z') - Date.parse('2021-02-13T06:15:00Z')) / 3_600_000),
    );
    // Net positive and equal under the fixed strike: at $1,600-9,000/MWh every strike of 2021 is far below.
    expect(Number(total[4]!.replace(/[$,]/g, ''))).toBeGreaterThan(0);
    expect(total[5]).toBe(total[4]);
  });

  it('the dead band keeps an old machine running on the August 2023 afternoon while the price sits at the strike', async () => {
    expect(await main(['backtest', '--event', 'heat-2023-08-17', '--machine', 'S19j Pro=100'])).toBe(0);
    const timeline = out.filter((l) => /(curtail|resume) {2}Antminer/.test(l));
    // $100/MWh from 13:00 CDT is within $10 of the S19j Pro's strike (about $94): the curtailment waits for $3,200.
    expect(timeline).toEqual([
      expect.stringMatching(/^ {2}2023-08-17 19:15Z {2}curtail {2}Antminer S19j Pro {2}\(price \$3200\.00/),
    ]);
    expect(await main(['backtest', '--event', 'heat-2023-08-17', '--machine', 'S19j Pro=100', '--margin', '0'])).toBe(
      0,
    );
    expect(out.filter((l) => /curtail {2}Antminer/.test(l)).at(-1)).toMatch(/2023-08-17 18:15Z .*\$100\.00/);
  });

  it('refuses an unknown event, two series, a bad machine and a misspelt model, naming them', async () => {
    expect(await main(['backtest', '--event', 'elliott-2022'])).toBe(2);
    expect(err.at(-1)).toMatch(/no reconstructed event "elliott-2022" \(there are: uri-2021, heat-2023-08-17\)/);
    expect(await main(['backtest', '--event', 'uri-2021', '--cache', 'x.json'])).toBe(2);
    expect(err.at(-1)).toMatch(/one of --event <id> or --cache <file>/);
    expect(await main(['backtest', '--event', 'uri-2021', '--machine', 'S21'])).toBe(2);
    expect(err.at(-1)).toMatch(/--machine must be "<model>=<count>", not "S21"/);
    expect(await main(['backtest', '--event', 'uri-2021', '--machine', 'S21 XPP=10'])).toBe(2);
    expect(err.at(-1)).toMatch(/unknown machine model "S21 XPP"/);
  });
});

describe('shared/data/powerEvents.json', () => {
  it('every segment says what it rests on, and the events not reconstructed say why', () => {
    const events = loadPowerEvents();
    for (const event of events.events) for (const s of event.segments) expect(s.basis.length).toBeGreaterThan(20);
    expect(events.notReconstructed.map((e) => e.id)).toEqual(['elliott-2022', 'fern-2026']);
  });

  it('a segment that leaves a hole, or ends off the 15-minute grid, is refused naming it', () => {
    const raw = structuredClone(loadPowerEvents()) as {
      events: Array<{ segments: Array<{ from: string; to: string }> }>;
    };
    raw.events[0]!.segments[1]!.from = '2021-02-15T01:00:00-06:00';
    expect(() => parsePowerEvents(raw)).toThrow(DataFileError);
    expect(() => parsePowerEvents(raw)).toThrow(
      /events\[0\].*segments\[1\]\.from: must start where the previous segment ends/,
    );
    const offGrid = structuredClone(loadPowerEvents()) as typeof raw;
    offGrid.events[0]!.segments[0]!.to = '2021-02-15T00:07:00-06:00';
    expect(() => parsePowerEvents(offGrid)).toThrow(/segments\[0\]\.to: must end after "from" on a 15-minute boundary/);
  });
});
