/**
 * The fleet model against published facts it was not fitted to: for each period, what the backtest
 * gives (the share of global hashrate cash-flow negative on power, from each day's own fleet) and
 * what was observed (the network's hashrate and difficulty, from the bundled history) and published
 * (each period names its sources). The in-sample row (Q1 2026, the period the parameters were
 * fitted to) is marked as such. `npx tsx local/backtest/fleetValidation.ts` prints the table the
 * docs carry; test/integration/local/fleetValidation.test.ts checks every row against its range.
 */
import { runBacktest, type BacktestResult } from './runBacktest';
import { createProductionEvaluator } from './productionEvaluator';
import { DEFAULT_COMPUTE_CONFIG } from '../../shared/config/computeConfig';
import { loadFleetHistory } from '../../shared/data/fleetHistory';
import { runWhenEntryPoint } from '../runCli';

export interface ValidationPeriod {
  id: string;
  label: string;
  from: string;
  to: string;
  /** Whether the model's parameters were fitted to this period (the others are out of sample). */
  fitted: boolean;
  /** What was published, in words, with its sources. */
  published: string;
  sources: string[];
  /** The range the model's mean share over the period must fall in, percent. */
  expectedMeanPct: { min: number; max: number };
}

export const VALIDATION_PERIODS: readonly ValidationPeriod[] = [
  {
    id: '2021',
    label: '2021 (whole year)',
    from: '2021-01-01',
    to: '2021-12-31',
    fitted: false,
    published:
      'Hashprice $185-422/PH/day all year; the May-July 2021 hashrate fall was China\'s ban, not economics: "near zero" of the fleet under water on power',
    sources: [
      'Bundled Coin Metrics history (realized hashprice)',
      'Decrypt/Benzinga 2021-08-01: four negative adjustments after the China ban',
    ],
    expectedMeanPct: { min: 0, max: 2 },
  },
  {
    id: '2022-jun-jul',
    label: 'June-July 2022',
    from: '2022-06-01',
    to: '2022-07-31',
    fitted: false,
    published:
      'Hashrate from its 231 EH/s peak of June 11 to about 196 EH/s on July 21 (-15%, 7-day mean); difficulty -5.01% on July 21 (largest drop since July 2021); Arcane: profitability back to 2020 levels',
    sources: [
      'Glassnode via cryptominnie.com, https://cryptominnie.com/bitcoin-mining-difficulty-drops-by-5-since-the-beginning-of-the-year/',
    ],
    expectedMeanPct: { min: 3, max: 20 },
  },
  {
    id: '2022-nov-dec',
    label: 'November-December 2022',
    from: '2022-11-01',
    to: '2022-12-31',
    fitted: false,
    published:
      'Hashprice all-time low near $55/PH/day after FTX; hashrate 13.1% under its high at the end of November; difficulty -7.32% on December 6 (largest since July 2021); Luxor: even S19j Pro-class machines need power under 8 c/kWh',
    sources: [
      'CoinDesk 2022-12-06, https://cryptonewz.pages.dev/crypto-news-coindesk.com/id/tech/2022/12/06/bitcoin-mining-difficulty-drops-most-since-july-2021-as-crypto-winter-cuts-profitability',
      'Hashrate 13.1% off its high: https://bitcoinmoney.biz (Korean copy of a December 2022 mining newsletter)',
    ],
    expectedMeanPct: { min: 8, max: 35 },
  },
  {
    id: '2024-halving',
    label: 'After the April 2024 halving (Apr 20 - Jul 10)',
    from: '2024-04-20',
    to: '2024-07-10',
    fitted: false,
    published:
      'Difficulty -5.62% on May 9 and -5% on July 4 (three consecutive drops); hashrate from above 600 EH/s to about 560 EH/s in June (-7.8% drawdown, CryptoQuant); Luxor hashprice record low $44.84 on July 4',
    sources: [
      'news.bitcoin.com via bitvaluezoo.com, https://bitvaluezoo.com/bitcoin-network-witnesses-second-largest-decline-in-difficulty-in-2024',
      'CryptoQuant (Julio Moreno) via cryptonewsmag.com, https://cryptonewsmag.com/?p=5624',
      'CryptoQuant / Luxor via finandcrypto.com, https://finandcrypto.com/bitcoin-miners-have-been-extremely-underpaid-since-mid-june/amp',
    ],
    expectedMeanPct: { min: 4, max: 20 },
  },
  {
    id: '2025-nov',
    label: 'November 2025 low',
    from: '2025-11-01',
    to: '2025-11-30',
    fitted: false,
    published:
      'Hashprice $34.49-35/PH/day, under the $44/PH/s median total hashcost of public miners (TheMinerMag Q3 review); network hashrate 1,074 EH/s, down 1% on the month (JPMorgan); the sharp fall came in December (VanEck: about 100 EH/s, some 400,000 rigs off in China)',
    sources: [
      'AMBCrypto 2025-11-23, https://www.bitcoin-ai-news.com/article/bitcoin-hashprice-hits-record-low-as-mining-difficulty-reaches-ath-crisis-ahead-ambcrypto/e495336d-18a4-4c8b-87b4-2acb25d3659d',
      'TheMinerMag / JPMorgan via coinedition.com, https://coinedition.com/bitcoin-miners-squeezed-as-hashprice-and-costs-diverge',
      'VanEck via Binance Square, https://www.binance.bh/en-NZ/square/post/33770152600234',
    ],
    expectedMeanPct: { min: 4, max: 20 },
  },
  {
    id: '2026-q1',
    label: 'February 2026',
    from: '2026-02-01',
    to: '2026-02-28',
    fitted: true,
    published: 'CoinShares Q1 2026: 15-20% of the fleet unprofitable at $28-30/PH/day',
    sources: ['CoinShares Bitcoin Mining Report Q1 2026 (see shared/data/SOURCES.md)'],
    expectedMeanPct: { min: 8, max: 25 },
  },
];

/** A share's low and high ends across the power-price cases (fleetShareBand.ts), percent. */
export interface SharePctBand {
  lowPct: number;
  highPct: number;
}

export interface ValidationRow {
  period: ValidationPeriod;
  meanSharePct: number;
  maxSharePct: number;
  /** The band of the mean: the mean of each day's low end and of each day's high end. */
  meanShareBandPct: SharePctBand;
  /** The band of the day with the greatest central share. */
  maxShareBandPct: SharePctBand;
  /** Peak-to-trough change of the 7-day mean hashrate inside the period, percent (negative: a fall). */
  hashrateDrawdownPct: number;
  /** Sum of the difficulty adjustments in the period, percent. */
  difficultyChangePct: number;
  /** Network-mean efficiency of the model's fleet in the period's first month, J/TH. */
  meanEfficiencyJPerTh: number;
  /** Days the fleet-share-negative signal was active in the period. */
  signalActiveDays: number;
}

function sevenDayMeans(values: readonly (number | undefined)[]): number[] {
  const out: number[] = [];
  for (let i = 6; i < values.length; i += 1) {
    const window = values.slice(i - 6, i + 1).filter((v): v is number => v !== undefined);
    if (window.length >= 5) out.push(window.reduce((a, b) => a + b, 0) / window.length);
  }
  return out;
}

/** Largest fall from a running peak to a later trough, percent (0 when it only rose). */
export function drawdownPct(series: readonly number[]): number {
  let peak = Number.NEGATIVE_INFINITY;
  let worst = 0;
  for (const v of series) {
    peak = Math.max(peak, v);
    worst = Math.min(worst, (v / peak - 1) * 100);
  }
  return worst;
}

export function validationRow(period: ValidationPeriod, result?: BacktestResult): ValidationRow {
  const r =
    result ??
    runBacktest({
      from: period.from,
      to: period.to,
      createEvaluator: (history) => createProductionEvaluator(history, { config: DEFAULT_COMPUTE_CONFIG }),
    });
  const days = r.report.days.filter((d) => d.date >= period.from && d.date <= period.to);
  const judged = days.filter((d) => d.fleetShareNegative !== undefined && d.fleetShareNegativeBand !== undefined);
  const shares = judged.map((d) => d.fleetShareNegative!);
  const bands = judged.map((d) => d.fleetShareNegativeBand!);
  const meanPct = (xs: readonly number[]): number => (xs.reduce((a, b) => a + b, 0) / xs.length) * 100;
  const meanSharePct = meanPct(shares);
  const maxBand = bands[shares.indexOf(Math.max(...shares))]!;
  const hashrates = r.days.filter((d) => d.date >= period.from && d.date <= period.to).map((d) => d.hashrateHps);
  const difficultyChangePct = r.report.adjustments
    .filter((a) => a.date >= period.from && a.date <= period.to)
    .reduce((s, a) => s + a.changePct, 0);
  const active = r.summary.episodes
    .filter((e) => e.signal === 'fleet-share-negative')
    .reduce((n, e) => {
      const start = e.raisedAt > period.from ? e.raisedAt : period.from;
      const end = e.clearedAt && e.clearedAt < period.to ? e.clearedAt : period.to;
      return n + Math.max(0, (Date.parse(end) - Date.parse(start)) / 86_400_000);
    }, 0);
  return {
    period,
    meanSharePct,
    maxSharePct: Math.max(...shares) * 100,
    meanShareBandPct: {
      lowPct: meanPct(bands.map((b) => b.lowFraction)),
      highPct: meanPct(bands.map((b) => b.highFraction)),
    },
    maxShareBandPct: { lowPct: maxBand.lowFraction * 100, highPct: maxBand.highFraction * 100 },
    hashrateDrawdownPct: drawdownPct(sevenDayMeans(hashrates)),
    difficultyChangePct,
    meanEfficiencyJPerTh:
      r.report.days.find((d) => d.meanFleetEfficiencyJPerTh !== undefined)?.meanFleetEfficiencyJPerTh ?? NaN,
    signalActiveDays: Math.round(active),
  };
}

const f1 = (x: number): string => x.toFixed(1);
/** "27.3% (19.0-33.1%)": the central value with its band across the power-price cases. */
const withBand = (centralPct: number, band: SharePctBand): string =>
  `${f1(centralPct)}% (${f1(band.lowPct)}-${f1(band.highPct)}%)`;

export function formatValidationTable(rows: readonly ValidationRow[]): string[] {
  const file = loadFleetHistory();
  const p = file.parameters;
  return [
    `Fleet model (fleetHistory.json ${file.version}: lifetime ${p.lifetimeYears} y, ${p.exitFractionPerMonth * 100}% of underwater hashrate leaves a month, models of the latest ${p.onSaleYears} release years on sale). ` +
      "Share = hashrate whose power price is above its break-even at the day's expected hashprice (power cost only, 2% pool fee), mean of the period's days. " +
      "In brackets, the band: the same figure with that year's low and high published power prices (fleetHistory.json's cases, each run through the model).",
    '',
    '| period | model: mean share negative (band) | model: max share negative (band) | model fleet J/TH | signal days | observed: 7d hashrate drawdown, difficulty | published | sources |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.period.label}${r.period.fitted ? ' **(in sample)**' : ''} | ${withBand(r.meanSharePct, r.meanShareBandPct)} | ${withBand(r.maxSharePct, r.maxShareBandPct)} | ${f1(r.meanEfficiencyJPerTh)} | ${r.signalActiveDays} | ${f1(r.hashrateDrawdownPct)}%, ${r.difficultyChangePct >= 0 ? '+' : ''}${f1(r.difficultyChangePct)}% | ${r.period.published} | ${r.period.sources.join('; ')} |`,
    ),
  ];
}

export async function main(): Promise<number> {
  for (const line of formatValidationTable(VALIDATION_PERIODS.map((p) => validationRow(p)))) console.log(line);
  return 0;
}

runWhenEntryPoint(import.meta.url, main);
