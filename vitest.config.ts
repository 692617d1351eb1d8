import { defineConfig } from 'vitest/config';

// Two projects: `unit` (unit and integration tests next to the code, PGlite by default and
// PostgreSQL too when DATABASE_URL is set) and `e2e` (real server, real Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'web/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'server/test/e2e/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['server/test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
