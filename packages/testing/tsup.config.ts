import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
    platform: 'node',
  },
  {
    // vitest is ESM-only: its setup entry, the coverage plugin and its global setup are too.
    entry: ['src/vitest.ts', 'src/coverage.ts', 'src/coverage-global-setup.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'node22',
    platform: 'node',
    external: ['vitest', 'vitest/node', './index.js'],
  },
]);
