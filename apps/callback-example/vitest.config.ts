import { stateMachineCoverage } from '@sfn-callback/testing/coverage';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    // State machine coverage of the machines the tests run through @sfn-callback/testing
    // (the JSONata CallbackPattern), in coverage-state-machines/: every state, every Catch.
    plugins: [
      stateMachineCoverage({
        reporters: ['html', 'lcov', 'json'],
        thresholds: { states: 100, branches: 100, errorHandlers: 100 },
      }),
    ],
    // `cdk synth` through the real CLI bundles the worker and runs cdk-nag: ~15 s.
    test: { testTimeout: 60_000, hookTimeout: 120_000, typecheck: { enabled: false } },
  }),
);
