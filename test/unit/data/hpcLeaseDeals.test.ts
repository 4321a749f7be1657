/**
 * The announced AI/HPC deals (shared/data/hpcLeaseDeals.json): every row sourced and dated, and
 * the implied $/MW-year our code computes agrees with what the announcements themselves said.
 */
import { describe, expect, it } from 'vitest';
import { dataFileErrorOf } from '../../support/dataFileErrors';
import hpcLeaseDealsJson from '../../../shared/data/hpcLeaseDeals.json';
import { loadHpcLeaseDeals, parseHpcLeaseDeals } from '../../../shared/data/hpcLeaseDeals';
import { impliedUsdPerMwItYear, offerAmongDeals } from '../../../shared/domain/siteEconomics/referenceDeals';

const deals = loadHpcLeaseDeals().deals;
const byId = new Map(deals.map((d) => [d.id, d]));
const deal = (id: string) => byId.get(id)!;

describe('announced AI/HPC deals', () => {
  it('holds sourced, dated deals of listed miners, each with a link', () => {
    expect(deals.length).toBeGreaterThanOrEqual(8);
    for (const d of deals) {
      expect(d.source, d.id).toMatch(/^https:\/\//);
      expect(d.sourceDate >= d.announcedOn, d.id).toBe(true);
    }
  });

  it("agrees with the announcements' own arithmetic", () => {
    // TeraWulf: $3.7 billion over 10 years at an 85 % site NOI margin "implying ~$315 million annually".
    const wulf = deal('wulf-fluidstack-200mw-2025');
    const wulfAnnualRevenue = impliedUsdPerMwItYear(wulf) * wulf.itLoadMw;
    expect((wulfAnnualRevenue * wulf.announcedAnnual!.marginPct!) / 100).toBeCloseTo(wulf.announcedAnnual!.usd, -7);
    // IREN: $9.7 billion over 5 years is the announced $1.94 billion annualized revenue.
    const iren = deal('iren-microsoft-200mw-2025');
    expect(impliedUsdPerMwItYear(iren) * iren.itLoadMw).toBeCloseTo(iren.announcedAnnual!.usd, -6);
    // Cipher-AWS: $5.5 billion over 15 years is "roughly $367 million per year".
    const aws = deal('cifr-aws-300mw-2025');
    expect(impliedUsdPerMwItYear(aws) * aws.itLoadMw).toBeCloseTo(aws.announcedAnnual!.usd, -6);
    // Applied Digital: the 150 MW lease and the earlier 250 MW make the announced 400 MW and ~$11 billion.
    for (const d of deals.filter((x) => x.announcedTotal)) {
      const parts = [d, ...d.announcedTotal!.withDealIds.map(deal)];
      expect(
        parts.reduce((s, p) => s + p.itLoadMw, 0),
        d.id,
      ).toBe(d.announcedTotal!.itLoadMw);
      expect(
        parts.reduce((s, p) => s + p.contractValueUsd, 0),
        d.id,
      ).toBe(d.announcedTotal!.contractValueUsd);
    }
  });

  it('gives the implied rates of the deals as computed, e.g. TeraWulf $1.85M and Hut 8 $1.90M per MW-year', () => {
    expect(impliedUsdPerMwItYear(deal('wulf-fluidstack-200mw-2025'))).toBeCloseTo(1_850_000, 0);
    expect(impliedUsdPerMwItYear(deal('hut-fluidstack-245mw-2025'))).toBeCloseTo(7e9 / 245 / 15, 6);
    expect(impliedUsdPerMwItYear(deal('corz-coreweave-200mw-2024'))).toBeCloseTo(3.5e9 / 200 / 12, 6);
  });

  it('ranks an offer among the lease deals only (GPU cloud left out)', () => {
    const leaseCount = deals.filter((d) => d.kind === 'lease').length;
    const top = offerAmongDeals(5_000_000, deals, 'v');
    expect(top).toMatchObject({ rank: 1, of: leaseCount, percentile: 100 });
    const bottom = offerAmongDeals(1, deals, 'v');
    expect(bottom).toMatchObject({ rank: leaseCount + 1, percentile: 0 });
    const atWulf = offerAmongDeals(impliedUsdPerMwItYear(deal('wulf-fluidstack-200mw-2025')), deals, 'v');
    expect(atWulf.deals.find((d) => d.id.startsWith('iren'))).toBeUndefined();
    expect(atWulf.percentile).toBeGreaterThan(0);
    expect(atWulf.percentile).toBeLessThan(100);
  });

  it('rejects a bad row naming the file, the row and the field', () => {
    const copy = JSON.parse(JSON.stringify(hpcLeaseDealsJson)) as { deals: Record<string, unknown>[] };
    copy.deals[0]!.itLoadMw = -5;
    const message = dataFileErrorOf(() => parseHpcLeaseDeals(copy));
    expect(message).toContain('shared/data/hpcLeaseDeals.json');
    expect(message).toContain('deals[0] (CORZ).itLoadMw');
  });
});
