import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    // The fault-injection run waits out visibility timeouts and redrives: ~40 s.
    test: { testTimeout: 120_000, hookTimeout: 120_000, typecheck: { enabled: false } },
  }),
);
