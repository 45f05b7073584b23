import { defineConfig } from 'tsup';

export default defineConfig({
  // `walk` imports nothing: the browser console takes it without JSONata.
  entry: { index: 'src/index.ts', walk: 'src/walk-states.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
});
