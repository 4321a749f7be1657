/**
 * Announced AI/HPC leases and hosting deals by listed bitcoin miners (hpcLeaseDeals.json): the
 * megawatts, base-term contract value and term as announced, each with the source read and its
 * date. The implied rate per MW of IT load per year is computed here, never stored, so a deal is
 * checked against its announcement's own arithmetic (test/unit/data/hpcLeaseDeals.test.ts).
 */
import * as z from 'zod';
import hpcLeaseDealsJson from './hpcLeaseDeals.json';
import { dataFileHeaderSchema, isoDateSchema, dataFileReader, sourcedSchema } from './dataFile';

export const HPC_LEASE_DEALS_FILE = 'shared/data/hpcLeaseDeals.json';

export const hpcLeaseDealSchema = sourcedSchema.extend({
  id: z.string().regex(/^[a-z0-9-]+$/, 'id must be lower-case letters, digits and dashes'),
  company: z.string().min(1),
  ticker: z.string().regex(/^[A-Z]{1,6}$/, 'ticker must be upper-case letters'),
  counterparty: z.string().min(1),
  /** `lease`: space and power for the tenant's own machines; `ai-cloud`: GPU compute the miner owns and sells. */
  kind: z.enum(['lease', 'ai-cloud']),
  itLoadMw: z.number().positive().max(10_000),
  /** What the MW figure is, in the source's words (critical IT load, gross capacity, unstated). */
  mwBasis: z.string().min(1),
  contractValueUsd: z.number().positive().max(1e12),
  termYears: z.number().positive().max(30),
  announcedOn: isoDateSchema,
  /** A per-year figure the announcement itself gave, to check the implied rate against. */
  announcedAnnual: z
    .strictObject({
      kind: z.enum(['revenue', 'noi']),
      usd: z.number().positive(),
      /** For NOI: the margin the announcement applied to revenue, percent. */
      marginPct: z.number().positive().max(100).optional(),
      source: z.string().min(1),
    })
    .optional(),
  /** A total the announcement gave for this deal together with earlier ones. */
  announcedTotal: z
    .strictObject({
      itLoadMw: z.number().positive(),
      contractValueUsd: z.number().positive(),
      withDealIds: z.array(z.string().min(1)).min(1),
      note: z.string().min(1),
    })
    .optional(),
});
export type HpcLeaseDeal = z.output<typeof hpcLeaseDealSchema>;

export const hpcLeaseDealsSchema = dataFileHeaderSchema
  .extend({ description: z.string().min(1), deals: z.array(hpcLeaseDealSchema).min(3) })
  .superRefine((file, ctx) => {
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
  });
export type HpcLeaseDeals = z.output<typeof hpcLeaseDealsSchema>;

const hpcLeaseDealsFile = dataFileReader(hpcLeaseDealsSchema, HPC_LEASE_DEALS_FILE, hpcLeaseDealsJson);
/** Validates a document of HPC_LEASE_DEALS_FILE; throws DataFileError naming the file, row and field. */
export const parseHpcLeaseDeals: (raw: unknown, fileName?: string) => HpcLeaseDeals = hpcLeaseDealsFile.parse;
/** The copy bundled with the code, validated once and reused. */
export const loadHpcLeaseDeals: () => HpcLeaseDeals = hpcLeaseDealsFile.load;
