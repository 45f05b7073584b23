import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
  // The construct takes only constants from task-token (`@sfn-callback/task-token/contract`:
  // the envelope, the API limits): bundled, so the package installs with its peers alone.
  noExternal: ['@sfn-callback/task-token'],
  // task-token's client side (the SDK) is never reached from here: kept out of the bundle,
  // and the build fails if the output still imports it (see the check below).
  external: [/^@aws-sdk\//, /^@smithy\//],
  async onSuccess() {
    const { readFile } = await import('node:fs/promises');
    for (const file of ['dist/index.js', 'dist/index.cjs']) {
      const code = await readFile(file, 'utf8');
      if (/(from|import\(|require\()\s*["'](@aws-sdk|@smithy|@sfn-callback)\//.test(code)) {
        throw new Error(
          `${file} imports the AWS SDK or task-token: the construct bundles task-token's contract and depends on neither`,
        );
      }
    }
  },
});
