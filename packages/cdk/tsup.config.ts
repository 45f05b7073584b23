import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
  // The construct takes only constants from task-token (the envelope, the API limits):
  // bundled, so the package installs with its peers alone and no runtime dependency.
  noExternal: ['@sfn-callback/task-token'],
});
