/**
 * site-curtail: run or curtail each machine class of a market-priced site on the power price now.
 * The decision is curtailmentDecision.ts (the strike is what a MWh earns hashing on the class after
 * the pool fee; a margin and minimum run and rest times keep a price hovering at the strike from
 * flapping); this detector turns it into one observation per class: curtailed raises (the
 * `site-curtail` event), running again clears (announced as `site-resume`, siteResume.ts). Without
 * a price fresh enough or a hashprice, every class holds its mode: no decision on a stale price
 * (site-power-stale says so instead). One subject per site and class, `<site>/<class>`.
 */
import type { SignalDetector } from '../detector';
import { evidenceNumber, type Evidence } from '../evidence';
import type { SignalsConfig } from '../signalsConfig';
import type { DescribeInput, EventDescription } from '../detector';
import { decideSite } from '../../power/curtailmentDecision';
import { classSubject, effectiveFromIso, MODE_SINCE_KEY, type SitePowerInput } from '../../power/sitePowerSignals';
import { kwhPerThDay } from '../../breakEven';
import { HOURS_PER_DAY, KWH_PER_MWH } from '../../units';

type Config = SignalsConfig['site-curtail'];

const isoOrNull = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** The class's draw at full run, MW: what curtailing it takes off the site's bill. */
function classPowerMw(efficiencyJPerTh: number, hashrateThs: number): number {
  return (kwhPerThDay(efficiencyJPerTh) * hashrateThs) / HOURS_PER_DAY / KWH_PER_MWH;
}

function thresholds(site: SitePowerInput): Evidence['thresholds'] {
  return {
    marginUsdPerMwh: site.policy.marginUsdPerMwh,
    minRunMinutes: site.policy.minRunMs / 60_000,
    minRestMinutes: site.policy.minCurtailMs / 60_000,
    maxPriceAgeMinutes: site.maxPriceAgeMinutes,
  };
}

export const siteCurtailDetector: SignalDetector<Config> = {
  signal: 'site-curtail',
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
        const evidence: Evidence = {
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
          signal: 'site-curtail' as const,
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
};

/** The words of a curtailment (raised) or a resumption (cleared, published as site-resume). */
export function describeModeChange({ transition, evidence, money }: DescribeInput): EventDescription {
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
