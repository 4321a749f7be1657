/**
 * site-curtail: run or curtail each machine class of a market-priced site on the power price now.
 * The decision is curtailmentDecision.ts (the strike is what a MWh earns hashing on the class after
 * the pool fee; a margin and minimum run and rest times keep a price hovering at the strike from
 * flapping); this detector turns it into one observation per class: curtailed raises (the
 * `site-curtail` event), running again clears (announced as `site-resume`, siteResume.ts). Without
 * a price fresh enough or a hashprice, every class holds its mode: no decision on a stale price
 * (site-power-stale says so instead). One subject per site and class, `<site>/<class>`.
 */
import * as z from '../../../schema/z';
import type { EventDescription } from '../detector';
import { defineSignal, evidenceOf as e, type TypedDescribeInput, type TypedEvidence } from '../defineSignal';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';
import { decideSite } from '../../power/curtailmentDecision';
import { classSubject, effectiveFromIso, MODE_SINCE_KEY, type SitePowerInput } from '../../power/sitePowerSignals';
import { kwhPerThDay } from '../../breakEven';
import { HOURS_PER_DAY, KWH_PER_MWH } from '../../units';

/** site-power-stale and site-curtail: the site's own terms decide (sites[].curtailment); dwell 0 by default. */
export const sitePowerSignalConfig = z.strictObject({ ...timingConfig(0, 0) });

/** A class's evidence: what its mode change was decided on (site-curtail; site-resume words its end). */
export const CLASS_MODE_EVIDENCE = {
  values: {
    site: e.text,
    machineClass: e.text,
    mode: e.text,
    [MODE_SINCE_KEY]: e.textOrNull,
    decided: e.flag,
    reason: e.text,
    priceUsdPerMwh: e.numberOrNull,
    priceIntervalStartIso: e.textOrNull,
    priceIntervalMinutes: e.numberOrNull,
    priceSource: e.textOrNull,
    effectiveFromIso: e.textOrNull,
    strikeUsdPerMwh: e.numberOrNull,
    hashpriceUsdPerPhDay: e.numberOrNull,
    efficiencyJPerTh: e.number,
    powerMw: e.number,
  },
  thresholds: {
    marginUsdPerMwh: e.number,
    minRunMinutes: e.number,
    minRestMinutes: e.number,
    maxPriceAgeMinutes: e.number,
  },
};
type ClassModeEvidence = TypedEvidence<
  (typeof CLASS_MODE_EVIDENCE)['values'],
  (typeof CLASS_MODE_EVIDENCE)['thresholds']
>;

/** The names of a class's figures. */
export const CLASS_MODE_FIGURE_NAMES = {
  machineClass: 'Machine class',
  mode: 'Mode',
  [MODE_SINCE_KEY]: 'Mode since',
  priceUsdPerMwh: 'Power price',
  priceIntervalStartIso: 'Price interval start',
  priceIntervalMinutes: 'Price interval',
  priceSource: 'Price source',
  effectiveFromIso: 'Takes effect at',
  strikeUsdPerMwh: 'Strike',
  hashpriceUsdPerPhDay: 'Hashprice',
  efficiencyJPerTh: 'Efficiency',
  powerMw: 'Load',
  marginUsdPerMwh: 'Dead band',
  minRunMinutes: 'Minimum run',
  minRestMinutes: 'Minimum rest',
  maxPriceAgeMinutes: 'Allowed price age',
};

const isoOrNull = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** The class's draw at full run, MW: what curtailing it takes off the site's bill. */
function classPowerMw(efficiencyJPerTh: number, hashrateThs: number): number {
  return (kwhPerThDay(efficiencyJPerTh) * hashrateThs) / HOURS_PER_DAY / KWH_PER_MWH;
}

function thresholds(site: SitePowerInput): ClassModeEvidence['thresholds'] {
  return {
    marginUsdPerMwh: site.policy.marginUsdPerMwh,
    minRunMinutes: site.policy.minRunMs / 60_000,
    minRestMinutes: site.policy.minCurtailMs / 60_000,
    maxPriceAgeMinutes: site.maxPriceAgeMinutes,
  };
}

export const siteCurtailDetector = defineSignal({
  id: 'site-curtail',
  color: '#e7969c',
  watches: ['site-power-price'],
  config: sitePowerSignalConfig,
  evidence: CLASS_MODE_EVIDENCE,
  figureNames: CLASS_MODE_FIGURE_NAMES,
  docs: () => ({
    subjects: 'one per market-priced site and machine class, subject `<site>/<class>`',
    raises:
      "the site's power price is above the class's strike (what a MWh earns hashing on it after the pool fee, at the hashprice in force) plus the site's `curtailment.marginUsdPerMwh`, and the class has run its `minRunMinutes` ([power-prices.md](power-prices.md#the-decision))",
    severity: 'warning',
    clears: 'announced as `site-resume`: the price under strike − margin after `minRestMinutes`',
    dwellNote: "the site's terms damp it",
  }),
  observe(input) {
    return (input.sitePower ?? []).flatMap((site) => {
      const decision =
        site.price === undefined || site.hashpriceUsdPerPhDay === undefined
          ? undefined
          : decideSite({
              site: site.site,
              nowMs: Date.parse(input.decidedAt),
              hashpriceUsdPerPhDay: site.hashpriceUsdPerPhDay,
              poolFeeFraction: site.poolFeeFraction,
              price: site.price,
              classes: site.classes,
              states: site.states,
              policy: site.policy,
            });
      const byClass = new Map(decision?.kind === 'decided' ? decision.classes.map((c) => [c.machineClass, c]) : []);
      return site.classes.map((machineClass) => {
        const decided = byClass.get(machineClass.name);
        const held = Object.hasOwn(site.states, machineClass.name) ? site.states[machineClass.name]! : undefined;
        const mode = decided?.mode ?? held?.mode ?? 'run';
        const sinceMs = decided?.state.sinceMs ?? held?.sinceMs ?? Number.NEGATIVE_INFINITY;
        const evidence: ClassModeEvidence = {
          values: {
            site: site.site,
            machineClass: machineClass.name,
            mode,
            [MODE_SINCE_KEY]: isoOrNull(sinceMs),
            decided: decided !== undefined,
            reason: decided?.reason ?? (decision?.kind === 'stale' ? decision.reason : 'no fresh power price'),
            priceUsdPerMwh: site.price?.usdPerMwh ?? null,
            priceIntervalStartIso: site.price?.startIso ?? null,
            priceIntervalMinutes: site.price?.intervalMinutes ?? null,
            priceSource: site.price?.source ?? null,
            effectiveFromIso: site.price ? effectiveFromIso(site.price) : null,
            strikeUsdPerMwh: decided?.strikeUsdPerMwh ?? null,
            hashpriceUsdPerPhDay: site.hashpriceUsdPerPhDay ?? null,
            efficiencyJPerTh: machineClass.efficiencyJPerTh,
            powerMw: classPowerMw(machineClass.efficiencyJPerTh, machineClass.hashrateThs),
          },
          thresholds: thresholds(site),
        };
        return {
          subject: classSubject(site.site, machineClass.name),
          // Undecided: neither way, so the state holds (a stale price never switches machines).
          entered: decided?.mode === 'curtail' ? ('warning' as const) : undefined,
          recovered: decided?.mode === 'run',
          evidence,
        };
      });
    });
  },
  describe: describeModeChange,
});

/** The words of a curtailment (raised) or a resumption (cleared, published as site-resume). */
export function describeModeChange({
  transition,
  evidence,
  money,
}: TypedDescribeInput<
  (typeof CLASS_MODE_EVIDENCE)['values'],
  (typeof CLASS_MODE_EVIDENCE)['thresholds']
>): EventDescription {
  const v = evidence.values;
  const price = evidenceNumber(v.priceUsdPerMwh);
  const strike = evidenceNumber(v.strikeUsdPerMwh);
  const powerMw = evidenceNumber(v.powerMw);
  const curtail = transition !== 'cleared';
  const perHourUsd = Math.abs(price - strike) * powerMw;
  const where = `${String(v.machineClass)} at ${String(v.site)}`;
  return {
    title: curtail
      ? `Curtail ${where}: power ${money.amount(price)}/MWh above its ${money.amount(strike)}/MWh strike`
      : `Resume ${where}: power ${money.amount(price)}/MWh below its ${money.amount(strike)}/MWh strike`,
    summary: curtail
      ? `Power now costs more than hashing on these machines earns after the pool fee; switched off, they save about ${money.amount(perHourUsd)} an hour net while the price holds.`
      : `Hashing on these machines earns more than their power costs again; running, they earn about ${money.amount(perHourUsd)} an hour net over the power bill.`,
    details: [
      `Power ${money.amount(price)}/MWh for the ${evidenceNumber(v.priceIntervalMinutes)}-minute interval from ${String(v.priceIntervalStartIso)} (${String(v.priceSource)})`,
      `Strike ${money.amount(strike)}/MWh: what a MWh earns hashing on ${evidenceNumber(v.efficiencyJPerTh).toFixed(1)} J/TH machines at a hashprice of ${money.hashprice(evidenceNumber(v.hashpriceUsdPerPhDay))}, after the pool fee`,
      `Dead band ±${money.amount(evidenceNumber(evidence.thresholds.marginUsdPerMwh))}/MWh; minimum run ${evidenceNumber(evidence.thresholds.minRunMinutes)} min, minimum rest ${evidenceNumber(evidence.thresholds.minRestMinutes)} min`,
      `${powerMw.toFixed(2)} MW of load, from ${String(v.effectiveFromIso)}`,
    ],
  };
}
