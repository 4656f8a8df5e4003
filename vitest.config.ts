import { defineConfig } from 'vitest/config';

// Unit tests need no database. DB tests (*.db.test.ts, including HTTP tests through app.inject) run
// twice: once on SQLite and once on a throwaway PostgreSQL cluster started by the global setup.
const dbTests = ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: dbTests } },
      {
        test: {
          name: 'db-sqlite',
          include: dbTests,
          env: { TEST_DB: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'db-postgres',
          include: dbTests,
          env: { TEST_DB: 'postgres' },
          globalSetup: ['test/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
