// Benchmark: what leaving the unused credential providers out of the worker bundle buys.
//
// Bundles tests/fixtures/handler.ts (an SFN client worker) with the construct's own esbuild
// settings (`defaultBundlingOptions()` from the built package), with and without the
// exclusion, then measures for each bundle its size and its module init time: the time to
// `import()` it in a fresh Node process, median of RUNS runs, variants interleaved. Figures
// are reported as ratios to the baseline measured in the same run (the construct's settings
// without the exclusion), so they compare across machines.
//
// A last variant bundles a @sfn-callback/middy-sqs worker (outcome metrics on) with the
// construct's settings: the wrapper's and its metrics' share of a real worker's bundle and
// init, against the same baseline. (What the metrics alone add is measured by the
// middy-sqs bench, against the commit before them.)
//
// Run: pnpm --filter @sfn-callback/cdk bench   (or `pnpm bench` at the root; needs a build)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { defaultBundlingOptions, UNUSED_CREDENTIAL_PROVIDERS } from '../dist/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const entry = fileURLToPath(new URL('../tests/fixtures/handler.ts', import.meta.url));
const outRoot = mkdtempSync(join(tmpdir(), 'sfn-callback-bench-'));

/** The construct's NodejsFunction bundling options, as esbuild build options. */
function esbuildOptions(bundling, overrides = {}) {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: bundling.format,
    mainFields: bundling.mainFields,
    minify: bundling.minify,
    sourcemap: bundling.sourceMap ? 'external' : false,
    sourcesContent: bundling.sourcesContent,
    target: bundling.target,
    external: bundling.externalModules,
    banner: { js: bundling.banner },
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
    ...overrides,
  };
}

const construct = defaultBundlingOptions();
const variants = [
  {
    name: 'baseline: construct settings, all credential providers bundled',
    options: esbuildOptions(construct, { external: [] }),
  },
  {
    name: 'construct default: unused credential providers left out',
    options: esbuildOptions(construct),
  },
  {
    name: 'construct default, run with NODE_OPTIONS=--enable-source-maps (as deployed)',
    options: esbuildOptions(construct),
    nodeOptions: ['--enable-source-maps'],
  },
  {
    name: 'for reference: providers left out, but mainFields main (the SDK CommonJS build)',
    options: esbuildOptions(construct, { mainFields: ['main'] }),
  },
  {
    name: 'construct default, a @sfn-callback/middy-sqs worker with its outcome metrics on (the default)',
    options: esbuildOptions(construct, {
      entryPoints: [fileURLToPath(new URL('./fixtures/middy-worker.mjs', import.meta.url))],
    }),
    file: 'middy-worker.mjs',
  },
];

for (const [index, variant] of variants.entries()) {
  const outdir = join(outRoot, String(index));
  await esbuild.build({ ...variant.options, outdir });
  variant.file = join(outdir, variant.file ?? 'handler.mjs');
  variant.bytes = statSync(variant.file).size;
  variant.samples = [];
}

const env = {
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'token',
};
function importTimeMs(variant) {
  const script =
    'const t = performance.now();' +
    `const m = await import(${JSON.stringify(pathToFileURL(variant.file).href)});` +
    'const loaded = performance.now() - t;' +
    'const c = await m.resolveCredentials();' +
    "if (c.accessKeyId !== 'AKIDEXAMPLE') throw new Error('credentials not from env');" +
    'console.log(loaded);';
  const args = [...(variant.nodeOptions ?? []), '--input-type=module', '-e', script];
  return Number(execFileSync(process.execPath, args, { env, encoding: 'utf8' }).trim());
}

for (const variant of variants) importTimeMs(variant); // warm the file cache
for (let run = 0; run < RUNS; run++) {
  for (const variant of variants) variant.samples.push(importTimeMs(variant));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const [baseline] = variants;
const baselineMs = median(baseline.samples);
console.log(`node ${process.version}, ${RUNS} runs per variant, esbuild ${esbuild.version}`);
console.log(`left out: ${UNUSED_CREDENTIAL_PROVIDERS.join(', ')}\n`);
console.log('| variant | bundle | size ratio | import (median) | init ratio |');
console.log('|---|---:|---:|---:|---:|');
for (const variant of variants) {
  const ms = median(variant.samples);
  console.log(
    `| ${variant.name} | ${(variant.bytes / 1024).toFixed(1)} kB | ${(variant.bytes / baseline.bytes).toFixed(2)} | ${ms.toFixed(1)} ms | ${(ms / baselineMs).toFixed(2)} |`,
  );
}
rmSync(outRoot, { recursive: true, force: true });
