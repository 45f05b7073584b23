import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Settings every package's vitest config extends. The global setup refuses to run
 * tests on any Node major other than the one the repository pins (see scripts/).
 */
export const sharedTestConfig = defineConfig({
  test: {
    globalSetup: [fileURLToPath(new URL('./scripts/assert-node-major.ts', import.meta.url))],
    include: ['tests/**/*.test.ts'],
    typecheck: { enabled: true, include: ['tests/**/*.test-d.ts'] },
  },
});
