/**
 * esbuild options shared by the CDK bundling and bench/bundles.bench.ts, so that the benchmark
 * measures the bundle that is deployed.
 */
export const BUNDLE_OPTIONS = {
  target: 'node24',
  minify: true,
  sourceMap: true,
  /**
   * Maps without the sources embedded: stack traces still name file:line:column, and the zip
   * shrinks by about two thirds (the map was 3.6 MB of a 0.9 MB bundle with sources).
   */
  sourcesContent: false,
  /** Some CommonJS dependencies call require(); ESM output needs one. */
  banner:
    "import { createRequire as __hwCreateRequire } from 'node:module';const require = __hwCreateRequire(import.meta.url);",
  /** Prefer the ESM builds of dependencies (tree-shaking), then the CommonJS ones. */
  mainFields: ['module', 'main'],
  /**
   * A Lambda asset holds only the bundle: data files the code reads are embedded as text. The
   * condition makes package.json's `#difficulty-epochs-text` resolve to the module that imports
   * the CSV (tsx and vitest, which read it from disk, never set it). `module` is esbuild's own
   * default condition, which a custom list replaces: without it the AWS SDK resolves to its
   * CommonJS builds and the bundles grow by about 140 KiB. A `.br` file is embedded as its bytes
   * (brotli: the projection's history, the difficulty epochs and the per-day exchange rates, 183,
   * 19 and 46 KB where the texts are 608, 71 and 213 KB; local/data/writeEmbeddedHistory.ts writes
   * them).
   */
  loader: { '.csv': 'text', '.br': 'binary' },
  conditions: ['hashwatch-bundle', 'module'],
} as const;
