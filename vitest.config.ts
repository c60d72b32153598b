// One vitest configuration for the whole workspace. Workspace packages resolve to their
// TypeScript sources, so unit tests never depend on a stale build; black-box tests in test/
// start real processes from the built dist/ (the test command builds first).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@brook\/([a-z-]+)\/testing$/, replacement: `${packagesDir}$1/src/testing/index.ts` },
      { find: /^@brook\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
