import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The examples import the package by its name, as its users do; the tests run the sources.
  resolve: { alias: { '@jyxc/domain': fileURLToPath(new URL('src/index.ts', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The evaluation's memory test collects garbage before it measures the heap.
    execArgv: ['--expose-gc'],
    // The property tests run thousands of evaluations and the reference tests run TypeScript
    // over the whole package: seconds each, several times that on a busy two-core machine.
    testTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/test-support/**'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 90 },
    },
  },
});
