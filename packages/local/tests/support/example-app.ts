/**
 * The repository's example app (apps/callback-example), synthesized by its own `cdk` CLI
 * into a temporary directory, as its tests do: the console's browser tests run on it.
 * It needs @sfn-callback/cdk and @sfn-callback/middy-sqs built (turbo's local#test does).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('../../../../apps/callback-example/', import.meta.url));
const CDK = join(APP_DIR, 'node_modules', '.bin', 'cdk');
const created: string[] = [];

/** Synthesizes the example app; returns its cloud assembly directory. */
export function synthExample(): string {
  if (!existsSync(CDK))
    throw new Error(`${CDK} is missing: run pnpm install at the repository's root`);
  const outdir = mkdtempSync(join(tmpdir(), 'sfn-console-example-'));
  created.push(outdir);
  execFileSync(CDK, ['synth', '--quiet', '--output', outdir], {
    cwd: APP_DIR,
    stdio: 'pipe',
    // The app command (`tsx bin/app.ts`) is on the app's own bin path, as `pnpm run` sets it.
    env: {
      ...process.env,
      PATH: `${join(APP_DIR, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
      CDK_DISABLE_VERSION_CHECK: 'true',
    },
  });
  return outdir;
}

/** Removes the synthesized assemblies. */
export function removeExamples(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
