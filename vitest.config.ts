import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/no-network.ts'],
    globalSetup: ['test/setup/build.ts', 'test/setup/browser.ts'],
    testTimeout: 30_000,
    pool: 'threads',
  },
});
