import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    test: {
      // npm installs and CDK synthesis in scratch folders take tens of seconds.
      testTimeout: 300_000,
      hookTimeout: 600_000,
      typecheck: { enabled: false },
    },
  }),
);
