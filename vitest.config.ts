import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code, and integration tests on real parts (a real
// Kafka broker started by test/src/global-setup.ts, real gRPC sockets, real /metrics scrapes).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'test/src/**/*.test.ts',
            // the board's browser code: its pure parts are tested here, the rest in real Chromium
            'services/*/web/src/**/*.test.ts',
          ],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/src/**/*.integration.test.ts', 'services/*/src/**/*.integration.test.ts'],
          globalSetup: ['test/src/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
