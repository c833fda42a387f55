// The one vitest setup for every package: each package's vitest.config.ts re-exports this.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests import sibling workspace packages from their TypeScript sources, so a test run needs no
  // build. Vitest runs tests as SSR, where the condition list is read from `ssr.resolve`.
  resolve: { conditions: ['@kompics/source'] },
  ssr: { resolve: { conditions: ['@kompics/source'], externalConditions: ['@kompics/source'] } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
