/**
 * Announced AI/HPC leases and hosting deals by listed bitcoin miners (hpcLeaseDeals.json): the
 * megawatts, base-term contract value and term as announced, each with the source read and its
 * date. The implied rate per MW of IT load per year is computed here, never stored, so a deal is
 * checked against its announcement's own arithmetic (test/unit/data/hpcLeaseDeals.test.ts).
 */
import * as z from '../schema/z';
import hpcLeaseDealsJson from './hpcLeaseDeals.json';
import { dataFileHeaderSchema, isoDateSchema, dataFileReader, sourcedSchema } from './dataFile';

export const HPC_LEASE_DEALS_FILE = 'shared/data/hpcLeaseDeals.json';

export const hpcLeaseDealSchema = z.extend(sourcedSchema, {
  id: z.string().check(z.regex(/^[a-z0-9-]+$/, 'id must be lower-case letters, digits and dashes')),
  company: z.string().check(z.minLength(1)),
  ticker: z.string().check(z.regex(/^[A-Z]{1,6}$/, 'ticker must be upper-case letters')),
  counterparty: z.string().check(z.minLength(1)),
  /** `lease`: space and power for the tenant's own machines; `ai-cloud`: GPU compute the miner owns and sells. */
  kind: z.enum(['lease', 'ai-cloud']),
  itLoadMw: z.number().check(z.positive(), z.maximum(10_000)),
  /** What the MW figure is, in the source's words (critical IT load, gross capacity, unstated). */
  mwBasis: z.string().check(z.minLength(1)),
  contractValueUsd: z.number().check(z.positive(), z.maximum(1e12)),
  termYears: z.number().check(z.positive(), z.maximum(30)),
  announcedOn: isoDateSchema,
  /** A per-year figure the announcement itself gave, to check the implied rate against. */
  announcedAnnual: z.optional(
    z.strictObject({
      kind: z.enum(['revenue', 'noi']),
      usd: z.number().check(z.positive()),
      /** For NOI: the margin the announcement applied to revenue, percent. */
      marginPct: z.optional(z.number().check(z.positive(), z.maximum(100))),
      source: z.string().check(z.minLength(1)),
    }),
  ),
  /** A total the announcement gave for this deal together with earlier ones. */
  announcedTotal: z.optional(
    z.strictObject({
      itLoadMw: z.number().check(z.positive()),
      contractValueUsd: z.number().check(z.positive()),
      withDealIds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
      note: z.string().check(z.minLength(1)),
    }),
  ),
});
export type HpcLeaseDeal = z.output<typeof hpcLeaseDealSchema>;

export const hpcLeaseDealsSchema = z
  .extend(dataFileHeaderSchema, {
    description: z.string().check(z.minLength(1)),
    deals: z.array(hpcLeaseDealSchema).check(z.minLength(3)),
  })
  .check(
    z.superRefine((file, ctx) => {
      const ids = new Set<string>();
      file.deals.forEach((d, i) => {
        if (ids.has(d.id)) ctx.addIssue({ code: 'custom', path: ['deals', i, 'id'], message: `duplicate id ${d.id}` });
        ids.add(d.id);
        for (const other of d.announcedTotal?.withDealIds ?? [])
          if (!ids.has(other))
            ctx.addIssue({
              code: 'custom',
              path: ['deals', i, 'announcedTotal', 'withDealIds'],
              message: `${other} is not an earlier deal in the file`,
            });
      });
    }),
  );
export type HpcLeaseDeals = z.output<typeof hpcLeaseDealsSchema>;

const hpcLeaseDealsFile = dataFileReader(hpcLeaseDealsSchema, HPC_LEASE_DEALS_FILE, hpcLeaseDealsJson);
/** Validates a document of HPC_LEASE_DEALS_FILE; throws DataFileError naming the file, row and field. */
export const parseHpcLeaseDeals: (raw: unknown, fileName?: string) => HpcLeaseDeals = hpcLeaseDealsFile.parse;
/** The copy bundled with the code, validated once and reused. */
export const loadHpcLeaseDeals: () => HpcLeaseDeals = hpcLeaseDealsFile.load;
