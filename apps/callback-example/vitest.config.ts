import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    // `cdk synth` through the real CLI bundles the worker and runs cdk-nag: ~15 s.
    test: { testTimeout: 60_000, hookTimeout: 120_000, typecheck: { enabled: false } },
  }),
);
