import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One temporary folder per run, removed at its end.
    globalSetup: ['test/helpers/run-temp.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Pinned so dates and periods never depend on the machine.
    env: { TZ: 'UTC' },
  },
});
