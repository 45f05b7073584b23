import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  target: 'node22',
  platform: 'node',
  sourcemap: true,
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
