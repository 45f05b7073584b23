import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESM_REQUIRE_BANNER } from '@sfn-callback/cdk';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The `@sfn-callback/cdk` worker bundle is minified by default, and a minifier renames
// classes. The error names the workflow's Catch matches on must survive that.

const ERROR_CLASSES = [
  'InvalidTaskTokenError',
  'InvalidTaskOutputError',
  'TaskResponseRejectedError',
  'TaskResponseTransientError',
  'TaskClosedError',
  'InvalidCallbackMessageError',
] as const;

describe('task-token error names in a minified bundle', () => {
  it('keep their class names', async () => {
    const entry = `import * as t from '@sfn-callback/task-token';
      export const names = {
        InvalidTaskTokenError: new t.InvalidTaskTokenError('m', 'empty').name,
        InvalidTaskOutputError: new t.InvalidTaskOutputError('m', 'too-large').name,
        TaskResponseRejectedError: new t.TaskResponseRejectedError('m', 'InvalidToken').name,
        TaskResponseTransientError: new t.TaskResponseTransientError('m', 'ThrottlingException').name,
        TaskClosedError: new t.TaskClosedError('TaskTimedOut').name,
        InvalidCallbackMessageError: new t.InvalidCallbackMessageError('m', 'not-json').name,
      };`;
    const result = await build({
      stdin: { contents: entry, resolveDir: import.meta.dirname, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      mainFields: ['module', 'main'],
      banner: { js: ESM_REQUIRE_BANNER },
      write: false,
    });
    const code = result.outputFiles[0]?.text ?? '';
    // Proof that the bundle is minified: no class keeps its name as a binding.
    expect(code).not.toMatch(/class InvalidCallbackMessageError\b/);
    const directory = mkdtempSync(join(tmpdir(), 'minified-names-'));
    try {
      const file = join(directory, 'bundle.mjs');
      writeFileSync(file, code);
      const { names } = (await import(pathToFileURL(file).href)) as {
        names: Record<string, string>;
      };
      expect(names).toEqual(Object.fromEntries(ERROR_CLASSES.map((name) => [name, name])));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
