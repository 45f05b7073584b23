// Cold start, as deployed: the example handler and a bare handler (only the SDK command it
// uses), each bundled exactly as the @sfn-callback/cdk construct bundles a worker
// (`defaultBundlingOptions()` from the built package: ESM, minified, SDK bundled, mainFields
// module,main, the construct's one list of unused credential providers left out, its
// banner): bundle bytes, and module init time in fresh Node processes (median of many,
// alternating, and the median of the paired ratios). Each bundle is also invoked once
// against the fake endpoint, to show it works.
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

/** The targets of the issue: added weight and import time over the bare handler. */
export const COLD_START_TARGETS = { addedBytes: 12_000, importRatio: 1.05 };

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

export async function measureColdStart({ runs = 121 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'middy-sqs-cold-start-'));
  const endpoint = await FakeStepFunctions.start({ acceptAnyToken: true });
  try {
    const example = join(dir, 'example.mjs');
    const bare = join(dir, 'bare.mjs');
    const exampleSize = await bundle(fixture('example-handler.mjs'), example);
    const bareSize = await bundle(fixture('bare-handler.mjs'), bare);
    for (const file of [example, bare]) {
      const response = await invokeOnce(file, endpoint.url);
      if (JSON.stringify(response) !== '{"batchItemFailures":[]}') {
        throw new Error(`${file} answered ${JSON.stringify(response)}`);
      }
    }
    await initTime(example); // warm the file cache
    await initTime(bare);
    const exampleTimes = [];
    const bareTimes = [];
    for (let i = 0; i < runs; i++) {
      exampleTimes.push(await initTime(example));
      bareTimes.push(await initTime(bare));
    }
    return {
      exampleBytes: exampleSize.bytes,
      bareBytes: bareSize.bytes,
      addedBytes: exampleSize.bytes - bareSize.bytes,
      bytesRatio: exampleSize.bytes / bareSize.bytes,
      addedGzipBytes: exampleSize.gzipBytes - bareSize.gzipBytes,
      exampleInitMs: median(exampleTimes.map((t) => t.wall)),
      bareInitMs: median(bareTimes.map((t) => t.wall)),
      // Runs alternate example/bare, so each pair saw about the same machine load: the
      // median of the pairs' ratios is the figure least moved by other jobs.
      pairedInitRatio: median(exampleTimes.map((t, i) => t.wall / bareTimes[i].wall)),
      pairedInitCpuRatio: median(exampleTimes.map((t, i) => t.cpu / bareTimes[i].cpu)),
    };
  } finally {
    await endpoint.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureColdStart());
}
