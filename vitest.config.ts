import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Time limits catch hangs, not slowness: they are generous so that the suite passes on a busy machine.
const MINUTE = 60_000;
// Integration files each get their own database, so they run side by side: one worker per core (at most 4).
const integrationWorkers = Number(process.env.DAICHO_TEST_WORKERS) || Math.max(1, Math.min(4, os.availableParallelism()));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 5 * MINUTE,
          hookTimeout: 5 * MINUTE,
          expect: { poll: { timeout: MINUTE, interval: 100 } },
          fileParallelism: integrationWorkers > 1,
          maxWorkers: integrationWorkers,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 15 * MINUTE,
          hookTimeout: 10 * MINUTE,
          // expect.poll waits for the page, not for speed (its default of 1 s failed on a loaded machine).
          expect: { poll: { timeout: MINUTE, interval: 100 } },
          fileParallelism: false,
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
