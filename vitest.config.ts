import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: keep native-heavy suites from starving each other.
    maxWorkers: 2,
    // The machines are shared and slow; a UI condition may take seconds to come true
    // under load. This bounds waiting, it asserts nothing about speed.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    projects: [
      {
        extends: true,
        test: { name: 'unit+integration', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'] },
      },
      {
        // Each end-to-end file drives a server and a Chromium: one at a time on two cores.
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
