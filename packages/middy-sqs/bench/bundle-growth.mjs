// What the outcome metrics and the correlation (ExecutionArn / StateName) added to the worker
// bundle: the README's example handler bundled from the sources of this tree and from those
// of BASELINE_COMMIT (the last commit before them, taken with `git archive`), the same way
// (esbuild: ESM, minified, platform node, SDK bundled, the credential providers Lambda never
// uses left out, as the construct bundles it), in the same run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { UNUSED_CREDENTIAL_PROVIDERS } from '@sfn-callback/cdk';
import { build } from 'esbuild';

/** The commit before the outcome metrics: the baseline of the growth. */
export const BASELINE_COMMIT = '2bc33a6';

const packages = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('..', import.meta.url));

const HANDLER = (
  middySrc,
) => `import { RetryableError, sqsCallbackHandler } from '${middySrc}/index.ts';
export const handler = sqsCallbackHandler(
  async (order) => {
    if (order.amount === undefined) throw new RetryableError('amount not known yet');
    return { approved: order.amount < 1000, orderId: order.orderId };
  },
  { heartbeatIntervalSeconds: 60 },
);
`;

async function bundle(dir, name, root) {
  const entry = join(dir, `${name}-entry.mjs`);
  writeFileSync(entry, HANDLER(join(root, 'middy-sqs/src')));
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    minify: true,
    platform: 'node',
    target: 'node24',
    mainFields: ['module', 'main'],
    external: UNUSED_CREDENTIAL_PROVIDERS,
    nodePaths: [join(here, 'node_modules'), join(packages, 'task-token/node_modules')],
    alias: { '@sfn-callback/task-token': join(root, 'task-token/src/index.ts') },
    banner: {
      js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
    },
    logLevel: 'error',
  });
  return { bytes: statSync(outfile).size, gzipBytes: gzipSync(readFileSync(outfile)).length };
}

export async function measureBundleGrowth() {
  const dir = mkdtempSync(join(tmpdir(), 'middy-sqs-bundle-growth-'));
  try {
    const base = join(dir, 'base');
    mkdirSync(base);
    const archive = execFileSync(
      'git',
      ['archive', BASELINE_COMMIT, 'packages/task-token/src', 'packages/middy-sqs/src'],
      { cwd: join(packages, '..'), maxBuffer: 64 * 1024 * 1024 },
    );
    execFileSync('tar', ['-x', '-C', base], { input: archive });
    const before = await bundle(dir, 'before', join(base, 'packages'));
    const after = await bundle(dir, 'after', packages);
    return {
      baseline: BASELINE_COMMIT,
      beforeBytes: before.bytes,
      afterBytes: after.bytes,
      growthBytes: after.bytes - before.bytes,
      ratio: after.bytes / before.bytes,
      growthGzipBytes: after.gzipBytes - before.gzipBytes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureBundleGrowth());
}
