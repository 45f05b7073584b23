import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

// CDK synthesis is CPU-bound and slow on small machines: one synthesis takes about a
// second, bundling a few more, and the one test with the CloudFormation validator on ~5 s.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } }),
);
