import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The deployed roles' templates, synthesized once for every worker (see the file).
    globalSetup: ['./test/support/iam/globalSetup.ts'],
    reporters: ['default', './test/support/summaryReporter.ts'],
    // Integration tests start DynamoDB Local (a JVM) per file: keep parallelism modest on 2 cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
