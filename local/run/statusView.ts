/**
 * The status block `npm start` prints after each cycle: hashprice, the break-even power price of
 * the main machine generations, the share of the global (network-wide) fleet losing money, the
 * owner's own fleets from the compute config (profit per day, break-even), and active signals.
 * Every figure carries its unit.
 * Pure formatting: the numbers come from the table the pipeline just wrote.
 */
import { hpsToEhs, perPhToPerTh } from '../../shared/domain/units';
import type { PendingSignal } from '../../shared/domain/signals/pendingCommit';
import type { Evidence } from '../../shared/domain/signals/evidence';

/** One machine per generation, from the catalog: what most of the fleet runs, oldest to newest. */
export const STATUS_MACHINE_IDS = [
  'antminer-s9',
  'antminer-s19',
  'antminer-s19-xp',
  'antminer-s21',
  'antminer-s21-xp',
] as const;

export interface StatusMachine {
  name: string;
  efficiencyJPerTh: number;
  /** As the compute stored it (breakEvenPowerPriceUsdPerKwh at the snapshot's hashprice). */
  breakEvenUsdPerKwh: number;
}

/** One of the owner's fleets (HASHWATCH_COMPUTE_CONFIG `fleets`), as the compute priced it. */
export interface StatusFleet {
  name: string;
  hashrateThs: number;
  profitUsdPerDay: number;
  marginPct: number;
  powerPriceUsdPerKwh: number;
  /** Null when the fleet earns nothing at any power price. */
  breakEvenPowerPriceUsdPerKwh: number | null;
}

export interface ActiveSignal {
  signal: string;
  subject: string;
  severity: string;
  since: string | undefined;
}

/** A market-priced site's curtailment now (its live timeline, GET /v1/sites/{id}/curtailment's count). */
export interface StatusCurtailmentSite {
  site: string;
  /** The latest stored price and its interval start; null when none is stored. */
  priceUsdPerMwh: number | null;
  priceIntervalStartIso: string | null;
  classes: readonly {
    name: string;
    mode: 'run' | 'curtail';
    /** When the mode took effect; null: never changed (it runs). */
    since: string | null;
    /** At the snapshot's hashprice, after the pool fee. */
    strikeUsdPerMwh: number;
  }[];
  todayNetUsd: number;
  monthNetUsd: number;
  /** Curtailed class-hours this month without a price or a hashprice: their savings are not in the nets. */
  monthUncountedClassHours: number;
}

export interface StatusInput {
  cycle: number;
  now: Date;
  snapshotAt: string;
  btcPriceUsd: number;
  difficulty: number;
  hashrateHps: number;
  hashpriceUsdPerPhDay: number;
  hashpriceBtcPerPhDay: number;
  /** Running epoch: estimated change, percent, and progress. */
  estimatedChangePct: number | undefined;
  epochProgressPct: number | undefined;
  machines: readonly StatusMachine[];
  /** 0..1; undefined when the compute has not produced it. */
  fleetShareNegative: number | undefined;
  /** Its band across the power-price cases, 0..1 (absent: a record written before the band). */
  fleetShareNegativeBand?: { lowFraction: number; highFraction: number } | undefined;
  /** The owner's fleets; empty when the compute config has none. */
  fleets: readonly StatusFleet[];
  activeSignals: readonly ActiveSignal[];
  /** Changes building up (absent or empty: none). */
  pendingSignals?: readonly PendingSignal[];
  eventsThisCycle: number;
  /** The owner's fleets' cash cost per BTC, as the compute stored it (null when nothing is mined). */
  ownerCashCosts?: readonly { name: string; cashUsdPerBtc: number | null }[];
  /** The published benchmark shown beside them (industryCost.json: a cash cost, not all-in). */
  industryCashCost?: { value: number; label: string; sourceDate: string };
  /** The market-priced sites (absent or empty: none configured). */
  curtailment?: readonly StatusCurtailmentSite[];
  /** Listed miners whose newest published month is more than 45 days old at the snapshot (npm run miners). */
  staleMiners?: readonly string[];
}

const usd0 = (v: number): string => `$${v.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

/** A daily amount as a user reads it: whole dollars, or cents under $10 (never "$0/day" for a loss). */
export function usdPerDay(value: number): string {
  const abs = Math.abs(value);
  const digits = abs < 10 ? 2 : 0;
  const text = abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${value < 0 && Number(text.replace(/,/g, '')) !== 0 ? '-' : ''}$${text}/day`;
}

const thsText = (ths: number): string =>
  ths >= 1_000_000
    ? `${(ths / 1_000_000).toFixed(2)} EH/s`
    : ths >= 1_000
      ? `${(ths / 1_000).toFixed(1)} PH/s`
      : `${ths.toFixed(0)} TH/s`;

export function formatStatus(s: StatusInput): string[] {
  const lines: string[] = [];
  const time = s.now.toISOString().slice(0, 16).replace('T', ' ');
  lines.push(`── Hashwatch status ${time} UTC · cycle ${s.cycle} · snapshot ${s.snapshotAt} ${'─'.repeat(8)}`);
  lines.push(
    `  Hashprice   $${s.hashpriceUsdPerPhDay.toFixed(2)} /PH/day  $${perPhToPerTh(s.hashpriceUsdPerPhDay).toFixed(4)} /TH/day  (${(s.hashpriceBtcPerPhDay * 1e8).toFixed(0)} sats/PH/day, ${(perPhToPerTh(s.hashpriceBtcPerPhDay) * 1e8).toFixed(1)} sats/TH/day)   ` +
      `BTC ${usd0(s.btcPriceUsd)}   difficulty ${(s.difficulty / 1e12).toFixed(2)} T   hashrate ${hpsToEhs(s.hashrateHps).toFixed(0)} EH/s`,
  );
  if (s.estimatedChangePct !== undefined && s.epochProgressPct !== undefined) {
    const sign = s.estimatedChangePct >= 0 ? '+' : '';
    lines.push(
      `  Next difficulty adjustment  ${sign}${s.estimatedChangePct.toFixed(2)}% (epoch ${s.epochProgressPct.toFixed(0)}% done)`,
    );
  }
  lines.push('  Break-even power price (machines above it lose money on power alone):');
  for (const m of s.machines) {
    const cents = m.breakEvenUsdPerKwh * 100;
    lines.push(
      `    ${m.name.padEnd(18)} ${m.efficiencyJPerTh.toFixed(1).padStart(5)} J/TH   ${cents.toFixed(1).padStart(5)} c/kWh`,
    );
  }
  const band = s.fleetShareNegativeBand;
  lines.push(
    `  Global fleet cash-flow negative  ${s.fleetShareNegative === undefined ? 'n/a' : `${(s.fleetShareNegative * 100).toFixed(1)}% of network hashrate (all miners, modelled; not your fleets)`}` +
      (s.fleetShareNegative !== undefined && band
        ? `, band ${(band.lowFraction * 100).toFixed(1)}-${(band.highFraction * 100).toFixed(1)}% across the low and high power-price cases`
        : ''),
  );
  if (s.industryCashCost) {
    const b = s.industryCashCost;
    const own = (s.ownerCashCosts ?? []).map(
      (f) => `${f.name} ${f.cashUsdPerBtc === null ? 'n/a' : usd0(f.cashUsdPerBtc)}`,
    );
    lines.push(
      `  Cash cost per BTC           ${own.length > 0 ? `${own.join(', ')}; ` : ''}benchmark ${usd0(b.value)}: ${b.label}, ${b.sourceDate}`,
    );
  }
  if (s.fleets.length === 0) {
    lines.push('  Your fleets                 none configured (HASHWATCH_COMPUTE_CONFIG "fleets")');
  } else {
    lines.push('  Your fleets (profit = revenue - power - hosting):');
    for (const f of s.fleets) {
      const breakEven =
        f.breakEvenPowerPriceUsdPerKwh === null ? 'n/a' : `${(f.breakEvenPowerPriceUsdPerKwh * 100).toFixed(1)} c/kWh`;
      lines.push(
        `    ${f.name.padEnd(18)} ${thsText(f.hashrateThs).padStart(10)}   profit ${usdPerDay(f.profitUsdPerDay).padStart(13)} (margin ${f.marginPct.toFixed(1)}%)   ` +
          `power ${(f.powerPriceUsdPerKwh * 100).toFixed(1)} c/kWh, break-even ${breakEven}`,
      );
    }
  }
  if (s.activeSignals.length === 0) {
    lines.push('  Active signals              none');
  } else {
    lines.push(`  Active signals (${s.activeSignals.length}):`);
    for (const a of s.activeSignals) {
      const subject = a.subject ? ` [${a.subject}]` : '';
      lines.push(
        `    ${a.severity.padEnd(8)} ${a.signal}${subject}${a.since ? ` since ${a.since.slice(0, 16).replace('T', ' ')}` : ''}`,
      );
    }
  }
  if (s.pendingSignals && s.pendingSignals.length > 0) {
    lines.push(`  Building up (${s.pendingSignals.length}):`);
    for (const p of s.pendingSignals) {
      const subject = p.subject ? ` [${p.subject}]` : '';
      const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
      lines.push(
        `    ${p.commit.change.padEnd(8)} ${p.signal}${subject}: holds since ${when(p.commit.since)}, commits ${when(p.commit.commitsAt)} if it keeps holding (${p.commit.dwellHours} h)`,
      );
      const figures = evidenceLine(p.evidence);
      if (figures) lines.push(`             ${figures}`);
    }
  }
  if (s.curtailment && s.curtailment.length > 0) lines.push(...curtailmentLines(s.curtailment));
  if (s.staleMiners && s.staleMiners.length > 0)
    lines.push(
      `  Listed miners               newest month over 45 days old: ${s.staleMiners.join(', ')} (npm run miners)`,
    );
  lines.push(`  Events this cycle           ${s.eventsThisCycle}`);
  return lines;
}

const signedUsd = (v: number): string => `${v < 0 ? '-' : ''}${usd0(Math.abs(v))}`;
const minute = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')}Z`;

/** The Curtailment section: per site the price now, the nets, and each class's mode against its strike. */
export function curtailmentLines(sites: readonly StatusCurtailmentSite[]): string[] {
  const lines = ['  Curtailment (market-priced sites; net = power not bought - revenue not mined):'];
  for (const site of sites) {
    const price =
      site.priceUsdPerMwh === null
        ? 'no price stored'
        : `price $${site.priceUsdPerMwh.toFixed(2)}/MWh (interval ${minute(site.priceIntervalStartIso!)})`;
    const uncounted =
      site.monthUncountedClassHours > 0
        ? ` (${site.monthUncountedClassHours.toFixed(2)} curtailed class-h not counted: no price or hashprice)`
        : '';
    lines.push(
      `    ${site.site}: ${price}   net today ${signedUsd(site.todayNetUsd)}, this month ${signedUsd(site.monthNetUsd)}${uncounted}`,
    );
    for (const c of site.classes)
      lines.push(
        `      ${c.name.padEnd(18)} ${c.mode === 'curtail' ? 'CURTAILED' : 'running  '}${c.since ? ` since ${minute(c.since)}` : ''}   strike $${c.strikeUsdPerMwh.toFixed(2)}/MWh`,
      );
  }
  return lines;
}

/** The latest figures against the thresholds, numbers only, at most four of each (also the report's). */
export function evidenceLine(evidence: Evidence | null): string {
  if (!evidence) return '';
  const numbers = (fields: Evidence['values']) =>
    Object.entries(fields)
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .slice(0, 4)
      .map(([name, value]) => `${name} ${Number(value.toPrecision(6))}`)
      .join(', ');
  const values = numbers(evidence.values);
  const thresholds = numbers(evidence.thresholds);
  return [values && `now ${values}`, thresholds && `thresholds ${thresholds}`].filter(Boolean).join('; ');
}
