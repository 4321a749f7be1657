/**
 * What a signal judges, named once in its definition (defineSignal.ts): the figure its rule reads.
 * Whatever draws the figures over time (the backtest report's charts, local/backtest/reportMarkers.ts)
 * maps these to its own views in one place, so a new signal declares what it watches and needs no
 * line anywhere else to have its episodes shaded where its figure is drawn.
 */
export const WATCHED_FIGURES = [
  /** Revenue per unit of hashrate, expected or realized (and what derives from it: a site's mining margin). */
  'hashprice',
  /** Network hashrate (its 30- and 60-day averages). */
  'hashrate',
  /** Difficulty adjustments, made or projected. */
  'difficulty',
  /** The BTC price (its closes, against levels or a cost). */
  'btc-price',
  /** Who mines at a loss: the global fleet's share under water, an owner fleet's break-even and outlook. */
  'fleet-economics',
  /** The listed miners' reported production, sales and treasuries. */
  'miner-sales',
  /** A site's own power price. */
  'site-power-price',
] as const;

export type WatchedFigure = (typeof WATCHED_FIGURES)[number];
