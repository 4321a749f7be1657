/**
 * site-power-stale: a market-priced site has no power price fresh enough to decide on (its latest
 * stored interval ended more than its `maxPriceAgeMinutes` ago, or none is stored). While it holds,
 * no class of the site is curtailed or resumed: the machines stay as they were, and this says why.
 * Critical after four times the allowed age: an hour-long outage of a real-time feed is an
 * annoyance, a silent day is a decision the owner is taking blind. One subject per site.
 */
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { evidenceNumber } from '../evidence';
import { sitePowerSignalConfig } from './siteCurtail';

const CRITICAL_AGE_FACTOR = 4;

export const sitePowerStaleDetector = defineSignal({
  id: 'site-power-stale',
  color: '#c5b0d5',
  watches: ['site-power-price'],
  config: sitePowerSignalConfig,
  evidence: {
    values: {
      site: e.text,
      priceAgeMinutes: e.numberOrNull,
      latestIntervalEndIso: e.textOrNull,
      latestPriceSource: e.textOrNull,
    },
    thresholds: { maxPriceAgeMinutes: e.number, criticalAgeMinutes: e.number },
  },
  figureNames: {
    priceAgeMinutes: 'Price age',
    latestIntervalEndIso: 'Latest interval ended',
    latestPriceSource: 'Latest price source',
    maxPriceAgeMinutes: 'Allowed age',
    criticalAgeMinutes: 'Critical after',
  },
  docs: () => ({
    subjects: 'one per market-priced site',
    raises:
      'no price fresh enough to decide on (the latest interval ended more than `maxPriceAgeMinutes`, 45, ago): no class is curtailed or resumed meanwhile',
    severity: `critical after ${CRITICAL_AGE_FACTOR} × that age, or with no price ever stored`,
    clears: 'a fresh price',
  }),
  observe(input) {
    return (input.sitePower ?? []).map((site) => {
      const fresh = site.price !== undefined;
      const age = site.priceAgeMinutes;
      return {
        subject: site.site,
        entered: fresh
          ? undefined
          : age === undefined || age > CRITICAL_AGE_FACTOR * site.maxPriceAgeMinutes
            ? ('critical' as const)
            : ('warning' as const),
        recovered: fresh,
        evidence: {
          values: {
            site: site.site,
            priceAgeMinutes: age ?? null,
            latestIntervalEndIso: site.latestPrice?.endIso ?? null,
            latestPriceSource: site.latestPrice?.source ?? null,
          },
          thresholds: {
            maxPriceAgeMinutes: site.maxPriceAgeMinutes,
            criticalAgeMinutes: CRITICAL_AGE_FACTOR * site.maxPriceAgeMinutes,
          },
        },
      };
    });
  },
  describe({ subject, transition, evidence }) {
    const age = evidence.values.priceAgeMinutes;
    const ageText = typeof age === 'number' ? `${Math.round(age)} min old` : 'none stored';
    if (transition === 'cleared')
      return {
        title: `${subject}: power price fresh again`,
        summary: 'A fresh power price is stored: run-or-curtail decisions for this site resume.',
        details: [`Latest interval ended ${String(evidence.values.latestIntervalEndIso)}`],
      };
    return {
      title: `${subject}: no fresh power price (${ageText})`,
      summary:
        "No run-or-curtail decision is taken on a stale price: the machines stay as they were until a fresh price arrives. Check the site's price source (its key, the feed, the power function's logs).",
      details: [
        `Latest interval ended ${String(evidence.values.latestIntervalEndIso)} (${String(evidence.values.latestPriceSource)})`,
        `Allowed age ${evidenceNumber(evidence.thresholds.maxPriceAgeMinutes)} min; critical after ${evidenceNumber(evidence.thresholds.criticalAgeMinutes)} min`,
      ],
    };
  },
});
