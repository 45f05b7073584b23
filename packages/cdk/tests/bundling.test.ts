import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CallbackWorker,
  defaultBundlingOptions,
  ESM_REQUIRE_BANNER,
  UNUSED_CREDENTIAL_PROVIDERS,
} from '../src/index.js';
import { FIXTURE_FUNCTION, testStack } from './helpers.js';

test('defaultBundlingOptions: ESM, module-first, minified, source maps, SDK bundled, no Docker', () => {
  expect(defaultBundlingOptions()).toEqual({
    format: OutputFormat.ESM,
    mainFields: ['module', 'main'],
    minify: true,
    sourceMap: true,
    sourcesContent: false,
    target: 'node24',
    bundleAwsSDK: true,
    externalModules: [...UNUSED_CREDENTIAL_PROVIDERS],
    banner: ESM_REQUIRE_BANNER,
    forceDockerBundling: false,
  });
  expect(UNUSED_CREDENTIAL_PROVIDERS).not.toContain('@aws-sdk/credential-provider-env');
  expect(UNUSED_CREDENTIAL_PROVIDERS).not.toContain('@aws-sdk/credential-provider-node');
});

describe('worker function bundling (local esbuild, no Docker)', () => {
  let outdir: string;
  let bundleDir: string;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'sfn-callback-cdk-bundle-'));
    const stack = testStack({ outdir, context: { 'aws:cdk:bundling-stacks': ['**'] } });
    new CallbackWorker(stack, 'Worker', { lambdaFunctionProps: FIXTURE_FUNCTION });
    (stack.node.root as App).synth();
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    expect(assets).toHaveLength(1);
    bundleDir = join(outdir, assets[0] as string);
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('emits a minified ESM bundle with a source map', () => {
    expect(readdirSync(bundleDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    const code = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');
    expect(code.length / code.split('\n').length).toBeGreaterThan(1000); // minified
    expect(code.includes('//# sourceMappingURL=index.mjs.map')).toBe(true);
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
  });

  test('bundles the SDK (its ES module build) but leaves the unused credential providers out', () => {
    const code = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');
    expect(code.includes('SendTaskSuccess')).toBe(true);
    for (const name of UNUSED_CREDENTIAL_PROVIDERS) {
      // an external module is imported by its name at run time, never inlined
      expect(code.includes(`"${name}"`), name).toBe(true);
    }
    // ~180 kB with the exclusion (~300 kB without it: see the benchmark)
    expect(statSync(join(bundleDir, 'index.mjs')).size).toBeLessThan(250_000);
  });

  test('loads and resolves credentials from the environment, as in Lambda', () => {
    const script = `const m = await import(${JSON.stringify(join(bundleDir, 'index.mjs'))});
      const c = await m.resolveCredentials();
      console.log(typeof m.handler, c.accessKeyId);`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'token',
      },
      encoding: 'utf8',
    });
    expect(output.trim()).toBe('function AKIDEXAMPLE');
    expect(existsSync(bundleDir)).toBe(true);
  });
});
