import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Pinned so dates and periods never depend on the machine.
    env: { TZ: 'UTC' },
  },
});
