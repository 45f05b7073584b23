// Cold start, as deployed, side by side with what a team would build instead: the example
// handler (the worker), a Powertools-built equivalent (batch processor, metrics, logger, the
// same three SDK commands, a heartbeat per record) and a bare handler (only the SDK command
// it uses), each bundled exactly as the @sfn-callback/cdk construct bundles a worker
// (`defaultBundlingOptions()` from the built package: ESM, minified, SDK bundled, mainFields
// module,main, the construct's one list of unused credential providers left out, its
// banner): the bytes each adds over the bare handler, and module init time in fresh Node
// processes (several rounds of imports, the three in turn, and the median of the paired
// ratios). Each bundle is also invoked once against the fake endpoint, to show it works.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { defaultBundlingOptions, UNUSED_CREDENTIAL_PROVIDERS } from '@sfn-callback/cdk';
import { FakeStepFunctions } from '@sfn-callback/test-support';
import { build } from 'esbuild';
import { makeCallbackEvent, median } from './shared.mjs';

/**
 * The targets, against the Powertools-built equivalent measured in the same run: the worker
 * adds fewer bytes over the bare handler than it (a ratio below 1), and imports within
 * 1.05× of its time (run-to-run noise on the development machine is about ±0.03).
 */
export const COLD_START_TARGETS = { addedBytesRatio: 1, importRatio: 1.05 };

const fixture = (name) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** The construct's NodejsFunction bundling options, as esbuild options. */
function constructEsbuildOptions() {
  const bundling = defaultBundlingOptions();
  return {
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
    metafile: true,
    logLevel: 'error',
  };
}

async function bundle(entry, outfile) {
  const result = await build({ ...constructEsbuildOptions(), entryPoints: [entry], outfile });
  const inputs = Object.keys(result.metafile.inputs);
  const stillIn = UNUSED_CREDENTIAL_PROVIDERS.filter((name) =>
    inputs.some((path) => path.includes(`/${name}/`)),
  );
  if (stillIn.length > 0) throw new Error(`still bundled: ${stillIn.join(', ')}`);
  return { bytes: statSync(outfile).size, gzipBytes: gzipSync(readFileSync(outfile)).length };
}

const LAMBDA_ENV = {
  PATH: process.env.PATH,
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  LOG_LEVEL: 'warn',
};

const run = promisify(execFile);

/** Milliseconds to import the bundle in a fresh process (the module init Lambda pays). */
async function initTime(file) {
  const script = `const c=process.cpuUsage();const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});const w=performance.now()-t;const u=process.cpuUsage(c);process.stdout.write(JSON.stringify({wall:w,cpu:(u.user+u.system)/1000}));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: LAMBDA_ENV,
  });
  return JSON.parse(stdout);
}

/** Invokes the bundle's handler once against a local endpoint; returns its response. */
async function invokeOnce(file, endpointUrl) {
  const event = makeCallbackEvent(3);
  const script = `const {handler}=await import(${JSON.stringify(pathToFileURL(file).href)});const r=await handler(${JSON.stringify(event)},{getRemainingTimeInMillis:()=>60000,awsRequestId:'x'});process.stdout.write(JSON.stringify(r));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...LAMBDA_ENV, AWS_ENDPOINT_URL_SFN: endpointUrl },
    timeout: 30_000,
  });
  // The handler's own stdout comes first: the example writes its outcome metrics there.
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

/**
 * Measures the three bundles. `rounds` rounds of `pairsPerRound` imports of each, the three
 * in turn (the order rotating), so that each comparison is between imports made under about
 * the same machine load.
 */
export async function measureColdStart({ rounds = 3, pairsPerRound = 41 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'middy-sqs-cold-start-'));
  const endpoint = await FakeStepFunctions.start({ acceptAnyToken: true });
  try {
    const files = {
      worker: join(dir, 'worker.mjs'),
      powertools: join(dir, 'powertools.mjs'),
      bare: join(dir, 'bare.mjs'),
    };
    const sizes = {
      worker: await bundle(fixture('example-handler.mjs'), files.worker),
      powertools: await bundle(fixture('powertools-handler.mjs'), files.powertools),
      bare: await bundle(fixture('bare-handler.mjs'), files.bare),
    };
    for (const file of Object.values(files)) {
      const response = await invokeOnce(file, endpoint.url);
      if (JSON.stringify(response) !== '{"batchItemFailures":[]}') {
        throw new Error(`${file} answered ${JSON.stringify(response)}`);
      }
    }
    const names = Object.keys(files);
    for (const name of names) await initTime(files[name]); // warm the file cache
    const times = { worker: [], powertools: [], bare: [] };
    const roundRatios = [];
    for (let round = 0; round < rounds; round++) {
      const first = times.worker.length;
      for (let i = 0; i < pairsPerRound; i++) {
        for (let k = 0; k < names.length; k++) {
          const name = names[(i + k) % names.length];
          times[name].push(await initTime(files[name]));
        }
      }
      roundRatios.push(
        median(times.worker.slice(first).map((t, i) => t.wall / times.powertools[first + i].wall)),
      );
    }
    const paired = (a, b, key) => median(times[a].map((t, i) => t[key] / times[b][i][key]));
    const added = (name) => sizes[name].bytes - sizes.bare.bytes;
    const addedGzip = (name) => sizes[name].gzipBytes - sizes.bare.gzipBytes;
    return {
      workerBytes: sizes.worker.bytes,
      powertoolsBytes: sizes.powertools.bytes,
      bareBytes: sizes.bare.bytes,
      workerAddedBytes: added('worker'),
      powertoolsAddedBytes: added('powertools'),
      addedBytesRatio: added('worker') / added('powertools'),
      workerAddedGzipBytes: addedGzip('worker'),
      powertoolsAddedGzipBytes: addedGzip('powertools'),
      workerInitMs: median(times.worker.map((t) => t.wall)),
      powertoolsInitMs: median(times.powertools.map((t) => t.wall)),
      bareInitMs: median(times.bare.map((t) => t.wall)),
      // Imports alternate, so each pair saw about the same machine load: the median of the
      // pairs' ratios is the figure least moved by other jobs.
      importRatio: paired('worker', 'powertools', 'wall'),
      importRatioByRound: roundRatios,
      importCpuRatio: paired('worker', 'powertools', 'cpu'),
      workerVsBareImportRatio: paired('worker', 'bare', 'wall'),
      powertoolsVsBareImportRatio: paired('powertools', 'bare', 'wall'),
      imports: times.worker.length,
    };
  } finally {
    await endpoint.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureColdStart());
}
