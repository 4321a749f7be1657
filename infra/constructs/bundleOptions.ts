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
} as const;
