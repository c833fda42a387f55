// Runs every package's tests in one process tree: `pnpm vitest run` at the root.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/*/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
    ],
  },
});
