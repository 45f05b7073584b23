// Cold start: the example handler and a bare handler (only the SDK command it uses), each
// bundled by esbuild as Lambda would get it (ESM, minified, platform node, SDK bundled,
// mainFields module,main): bundle bytes, and module init time in fresh Node processes
// (median of many, alternating). Both with everything the SDK pulls in, and with the
// credential providers Lambda never uses left out (external: they are only reached by
// dynamic imports that run when no environment credentials exist, and Lambda always sets
// them). Each bundle is also invoked once against a local endpoint, to show it works.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { LocalStepFunctions } from '../tests/support/local-step-functions.ts';
import { makeCallbackEvent, median } from './shared.mjs';

/** Packages only the non-environment credential sources need (all dynamic imports). */
export const UNUSED_ON_LAMBDA = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/token-providers',
  '@smithy/credential-provider-imds',
];

const fixture = (name) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function bundle(entry, outfile, leaveOutUnused) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    minify: true,
    platform: 'node',
    target: 'node24',
    mainFields: ['module', 'main'],
    external: leaveOutUnused ? UNUSED_ON_LAMBDA : [],
    // CommonJS code in an ESM bundle needs `require` for node: built-ins.
    banner: {
      js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
    },
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const stillIn = UNUSED_ON_LAMBDA.filter((name) =>
    inputs.some((path) => path.includes(`/${name}/`)),
  );
  if (leaveOutUnused && stillIn.length > 0) throw new Error(`still bundled: ${stillIn.join(', ')}`);
  const bytes = statSync(outfile).size;
  return {
    bytes,
    gzipBytes: gzipSync(readFileSync(outfile)).length,
    providersBundled: stillIn.length === 0 ? 'none' : undefined,
  };
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

export async function measureColdStart({ runs = 41 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'middy-sqs-cold-start-'));
  const endpoint = await LocalStepFunctions.start({ acceptAnyToken: true });
  try {
    const variants = [];
    for (const leaveOutUnused of [false, true]) {
      const suffix = leaveOutUnused ? '-lean' : '-full';
      const example = join(dir, `example${suffix}.mjs`);
      const bare = join(dir, `bare${suffix}.mjs`);
      const exampleSize = await bundle(fixture('example-handler.mjs'), example, leaveOutUnused);
      const bareSize = await bundle(fixture('bare-handler.mjs'), bare, leaveOutUnused);
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
      variants.push({
        credentialProviders: leaveOutUnused ? 'left out (external)' : 'bundled',
        exampleBytes: exampleSize.bytes,
        bareBytes: bareSize.bytes,
        bytesRatio: exampleSize.bytes / bareSize.bytes,
        exampleGzipBytes: exampleSize.gzipBytes,
        bareGzipBytes: bareSize.gzipBytes,
        gzipRatio: exampleSize.gzipBytes / bareSize.gzipBytes,
        exampleInitMs: median(exampleTimes.map((t) => t.wall)),
        bareInitMs: median(bareTimes.map((t) => t.wall)),
        initRatio: median(exampleTimes.map((t) => t.wall)) / median(bareTimes.map((t) => t.wall)),
        // Runs alternate example/bare, so each pair saw about the same machine load: the
        // median of the pairs' ratios is the figure least moved by other jobs.
        pairedInitRatio: median(exampleTimes.map((t, i) => t.wall / bareTimes[i].wall)),
        pairedInitCpuRatio: median(exampleTimes.map((t, i) => t.cpu / bareTimes[i].cpu)),
        exampleInitMinMs: Math.min(...exampleTimes.map((t) => t.wall)),
        bareInitMinMs: Math.min(...bareTimes.map((t) => t.wall)),
        exampleInitCpuMs: median(exampleTimes.map((t) => t.cpu)),
        bareInitCpuMs: median(bareTimes.map((t) => t.cpu)),
        initCpuRatio: median(exampleTimes.map((t) => t.cpu)) / median(bareTimes.map((t) => t.cpu)),
      });
    }
    return variants;
  } finally {
    await endpoint.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureColdStart());
}
