import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `cdk synth` writes, relative to a CDK app. */
export const DEFAULT_ASSEMBLY = 'cdk.out';

/** The example app's cloud assembly, relative to the sfn-callback repository's root. */
export const EXAMPLE_ASSEMBLY = join('apps', 'callback-example', 'cdk.out');

/**
 * The cloud assembly the CLI runs when `--app` is not given: `./cdk.out` (run from a CDK
 * app), else — run from the sfn-callback repository's root — the example app's
 * `apps/callback-example/cdk.out` (`pnpm --filter callback-example synth` writes it), else
 * `cdk.out` (whose absence the runner then reports).
 */
export function defaultAssembly(cwd = process.cwd()): string {
  if (existsSync(join(cwd, DEFAULT_ASSEMBLY, 'manifest.json'))) return DEFAULT_ASSEMBLY;
  if (existsSync(join(cwd, EXAMPLE_ASSEMBLY, 'manifest.json'))) return EXAMPLE_ASSEMBLY;
  return DEFAULT_ASSEMBLY;
}
