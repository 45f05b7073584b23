import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';
import { ENGINE_BUILD_FILE, patchEngineSource } from './src/engine/engine-patch.ts';

// End-to-end tests synthesize a CDK app and start worker threads: give them time.
// The engine runs with the same corrections the build bundles (src/engine/engine-patch.ts):
// inlined, so that Vite transforms it.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    plugins: [
      {
        name: 'sfn-callback-local:corrected-engine',
        transform: (code, id) =>
          ENGINE_BUILD_FILE.test(id.split('?')[0] ?? id) ? patchEngineSource(code, id) : undefined,
      },
    ],
    test: {
      testTimeout: 60_000,
      hookTimeout: 60_000,
      server: { deps: { inline: ['aws-local-stepfunctions'] } },
    },
  }),
);
