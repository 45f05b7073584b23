import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

// End-to-end tests synthesize a CDK app and start worker threads: give them time.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } }),
);
