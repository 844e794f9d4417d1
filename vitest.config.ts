import { defineConfig } from 'vitest/config';
import PlainSummaryReporter from './tests/plainSummaryReporter.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // Builds build/cli.mjs if its sources changed: the tests that spawn the CLI run the built code.
    globalSetup: ['tests/globalSetup.ts'],
    // Two cores here: the e2e files each start Chromium, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', new PlainSummaryReporter()],
  },
});
