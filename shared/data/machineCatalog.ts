/**
 * The machine catalog (machines.json): every ASIC model the calculator and the fleet model can
 * name, with nameplate hashrate, power and efficiency, each row sourced and dated.
 * Loading validates every row with zod and fails loudly (file, row, field) on a bad one: a
 * published efficiency that disagrees with W / TH by more than 2% is a typo, not a rounding.
 */
import * as z from '../schema/z';
import { lookupKeysOf } from '../domain/machineLookup';
import machinesJson from './machines.json';
import { DataFileError, dataFileHeaderSchema, isoDateSchema, dataFileReader } from './dataFile';

export const MACHINES_FILE = 'shared/data/machines.json';

/** Largest relative gap allowed between the published J/TH and powerWatts / hashrateThs. */
export const EFFICIENCY_TOLERANCE_FRACTION = 0.02;

export const coolingSchema = z.enum(['air', 'hydro', 'immersion']);
export const sourceKindSchema = z.enum(['manufacturer', 'reseller', 'review', 'news']);

export const machineModelSchema = z
  .object({
    /** Stable slug, e.g. `antminer-s19-xp`. */
    id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be a lowercase slug')),
    maker: z.string().check(z.trim(), z.minLength(1)),
    model: z.string().check(z.trim(), z.minLength(1)),
    /** Other names people use for this model ("S19 XP", "S19XP"); matched like the model name. */
    aliases: z._default(z.array(z.string().check(z.trim(), z.minLength(1))), []),
    hashrateThs: z.number().check(z.positive(), z.maximum(100_000)),
    powerWatts: z.number().check(z.positive(), z.maximum(100_000)),
    efficiencyJPerTh: z.number().check(z.positive(), z.maximum(10_000)),
    releaseYear: z.int().check(z.minimum(2009), z.maximum(2100)),
    cooling: coolingSchema,
    source: z.string().check(z.trim(), z.minLength(1, 'source must name where the figure comes from')),
    sourceKind: sourceKindSchema,
    sourceDate: isoDateSchema,
    /** The stored page actually read to check the figure, when one was found. */
    checkedVia: z.optional(z.url()),
    /**
     * Which of the row's figures no stored page confirmed (e.g. "wattage"), shown with the machine in
     * the calculator's output. Absent: every figure was checked against the page in checkedVia.
     */
    unconfirmed: z.optional(z.string().check(z.trim(), z.minLength(1))),
  })
  .check(
    z.superRefine((m, ctx) => {
      const computed = m.powerWatts / m.hashrateThs;
      const gap = Math.abs(computed / m.efficiencyJPerTh - 1);
      if (gap > EFFICIENCY_TOLERANCE_FRACTION) {
        ctx.addIssue({
          code: 'custom',
          path: ['efficiencyJPerTh'],
          message: `${m.efficiencyJPerTh} J/TH disagrees with powerWatts / hashrateThs = ${computed.toFixed(2)} J/TH by ${(gap * 100).toFixed(1)}% (> ${EFFICIENCY_TOLERANCE_FRACTION * 100}%)`,
        });
      }
    }),
  );

export type MachineModel = z.output<typeof machineModelSchema>;

export const machineCatalogSchema = z
  .extend(dataFileHeaderSchema, {
    description: z.optional(z.string()),
    machines: z.array(machineModelSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((catalog, ctx) => {
      // Ids and every lookup name must be unique, or a lookup could silently pick the wrong machine.
      const ids = new Map<string, number>();
      const keys = new Map<string, number>();
      catalog.machines.forEach((m, row) => {
        const seenId = ids.get(m.id);
        if (seenId !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['machines', row, 'id'],
            message: `duplicate id "${m.id}" (also row ${seenId})`,
          });
        }
        ids.set(m.id, row);
        for (const key of new Set(lookupKeysOf(m))) {
          const seenKey = keys.get(key);
          if (seenKey !== undefined && seenKey !== row) {
            ctx.addIssue({
              code: 'custom',
              path: ['machines', row, 'aliases'],
              message: `name "${key}" also matches row ${seenKey} (${catalog.machines[seenKey]?.model})`,
            });
          }
          keys.set(key, row);
        }
      });
    }),
  );

export type MachineCatalog = z.output<typeof machineCatalogSchema>;

const machineCatalogFile = dataFileReader(machineCatalogSchema, MACHINES_FILE, machinesJson);
/** Validates a document of MACHINES_FILE; throws DataFileError naming the file, row and field. */
export const parseMachineCatalog: (raw: unknown, fileName?: string) => MachineCatalog = machineCatalogFile.parse;
/** The copy bundled with the code, validated once and reused. */
export const loadMachineCatalog: () => MachineCatalog = machineCatalogFile.load;

export { DataFileError };
