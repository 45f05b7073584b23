import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';
import { ENGINE_BUILD_FILE, patchEngineSource } from './src/engine/engine-patch.ts';

/**
 * Bundles aws-local-stepfunctions with its intrinsic-function corrections
 * (src/engine/engine-patch.ts), so that every user of the package gets them. The engine's
 * own dependencies stay external: they are this package's dependencies. The build fails
 * when a correction does not apply, or when the engine was not bundled at all.
 */
const correctedEngine = (): Plugin => ({
  name: 'sfn-callback-local:corrected-engine',
  setup(build) {
    let corrected = 0;
    build.onStart(() => {
      corrected = 0;
    });
    build.onLoad({ filter: ENGINE_BUILD_FILE }, async (args) => {
      corrected += 1;
      return {
        contents: patchEngineSource(await readFile(args.path, 'utf8'), args.path),
        loader: 'js',
      };
    });
    build.onEnd((result) => {
      if (result.errors.length === 0 && corrected === 0) {
        result.errors.push({
          id: 'engine-not-bundled',
          pluginName: 'sfn-callback-local:corrected-engine',
          text: 'aws-local-stepfunctions was not bundled: its corrections would be lost',
          location: null,
          notes: [],
          detail: undefined,
        });
      }
    });
  },
});

const shared: Options = {
  target: 'node22',
  platform: 'node',
  sourcemap: true,
  noExternal: ['aws-local-stepfunctions'],
  esbuildPlugins: [correctedEngine()],
};

export default defineConfig([
  {
    // The library: dual ESM / CJS.
    ...shared,
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // import.meta.url in the CommonJS build (the console finds its files with it).
    shims: true,
    dts: true,
    clean: true,
  },
  {
    // The `sfn-callback-local` bin: ESM with a shebang.
    ...shared,
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
