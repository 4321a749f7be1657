import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The bundled history alone, whatever a developer's `npm run history -- update` cached: every
    // figure a test checks is the same on every machine (a test about the cache names its own).
    env: { HASHWATCH_HISTORY_CACHE: 'off' },
    // The deployed roles' templates, synthesized once for every worker (see the file).
    globalSetup: ['./test/support/iam/globalSetup.ts'],
    reporters: ['default', './test/support/summaryReporter.ts'],
    // Integration tests start DynamoDB Local (a JVM) per file: keep parallelism modest on 2 cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
