import { defineConfig } from 'vitest/config';

// The PostgreSQL lane (TEST_POSTGRES_URL set) repeats the parts that touch the database; the
// load run and the backup of the SQLite file are about the embedded SQLite default only.
const sqliteOnly = ['src/load.test.ts', 'src/backup.test.ts'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: process.env.TEST_POSTGRES_URL ? sqliteOnly : [],
    // Several parts start the real API process, seed the demo county or run for a minute.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    globalSetup: ['src/support/reset-results.ts'],
  },
});
