import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each test builds a fresh database and county; on a shared two-core machine that alone
    // can take seconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
