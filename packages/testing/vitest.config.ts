import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

// Some tests synthesize a CDK app in a hook: give them the time the design notes ask of CDK
// tests (≥ 60 s), as CI runs every package's tests at once on two cores.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } }),
);
