/**
 * The owner's market-priced sites as the run-or-curtail decision sees them, resolved once per cold
 * start from the config: each site's machine classes (one per catalog model or custom machine of
 * its fleets, with the hashrate the site has of it), its curtailment terms and the pool fee its
 * fleets share. A site on a fixed price has nothing to decide and is left out.
 */
import type { ComputeConfig } from '../config/computeConfig';
import type { MachineModel } from '../data/machineCatalog';
import { efficiencyJPerTh } from '../domain/machineEconomics';
import type { CurtailmentPolicy } from '../domain/power/curtailmentDecision';
import type { SiteMachineClass } from '../domain/power/curtailmentReplay';
import { MS_PER_MINUTE } from '../domain/power/intervalPrice';
import { pctToFraction } from '../domain/units';
import { resolveMachineLine } from './ownerFleets';
import { siteCurtailmentSchema } from '../config/siteConfig';

export interface CurtailmentSite {
  site: string;
  classes: SiteMachineClass[];
  policy: CurtailmentPolicy;
  maxPriceAgeMinutes: number;
  poolFeeFraction: number;
}

/** The terms a site without `curtailment` gets: the schema's defaults, parsed on first need, not at cold start. */
let defaultTerms: ReturnType<typeof siteCurtailmentSchema.parse> | undefined;
const defaultCurtailmentTerms = () => (defaultTerms ??= siteCurtailmentSchema.parse({}, { jitless: true }));

export function resolveCurtailmentSites(
  config: Pick<ComputeConfig, 'sites' | 'fleets'>,
  catalog: { readonly machines: readonly MachineModel[] },
): CurtailmentSite[] {
  return config.sites.flatMap((site, s) => {
    if (site.powerPrice.type === 'fixed') return [];
    const fleets = site.fleets.map((name) => config.fleets.find((f) => f.name === name)!);
    const byClass = new Map<string, SiteMachineClass>();
    for (const [f, fleet] of fleets.entries())
      for (const [m, line] of fleet.machines.entries()) {
        const field = `sites.${s} (${site.name}): fleet ${fleets[f]!.name} machines.${m}`;
        const { name, machine, count } = resolveMachineLine(line, catalog, field);
        const known = byClass.get(name);
        const hashrateThs = machine.hashrateThs * count;
        if (known) known.hashrateThs += hashrateThs;
        else byClass.set(name, { name, efficiencyJPerTh: efficiencyJPerTh(machine), hashrateThs });
      }
    const terms = site.curtailment ?? defaultCurtailmentTerms();
    return [
      {
        site: site.name,
        classes: [...byClass.values()],
        policy: {
          marginUsdPerMwh: terms.marginUsdPerMwh,
          minRunMs: terms.minRunMinutes * MS_PER_MINUTE,
          minCurtailMs: terms.minRestMinutes * MS_PER_MINUTE,
        },
        maxPriceAgeMinutes: terms.maxPriceAgeMinutes,
        // The fleets of a site share their terms (the config checks it).
        poolFeeFraction: pctToFraction(fleets[0]!.poolFeePct),
      },
    ];
  });
}
