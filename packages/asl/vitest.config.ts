import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

// The engine's bound, history-limit and property tests do real work (up to 25,000 events, a
// JSONata runaway): on two cores shared with every other package's tests, 5 s is too short.
export default mergeConfig(sharedTestConfig, defineConfig({ test: { testTimeout: 30_000 } }));
