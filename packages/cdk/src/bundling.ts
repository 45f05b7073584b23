/**
 * How the worker function is bundled: an ESM bundle built locally by esbuild (never Docker),
 * the AWS SDK included, and the credential providers that Lambda never reaches left out.
 */
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { DEFAULT_ESBUILD_TARGET } from './defaults.js';

/**
 * Credential providers of the SDK's default chain that a Lambda function never reaches.
 *
 * In Lambda the credentials are in environment variables, so the chain of
 * `@aws-sdk/credential-provider-node` stops at its first link (`fromEnv`). Every later link
 * (SSO, shared ini files, `credential_process`, web identity token file, container and
 * instance metadata) is loaded with a dynamic `import()` only when it is reached, so leaving
 * these packages out of the bundle does not break loading: it removes code that is parsed on
 * every cold start and never run. Measured by `pnpm bench` (see the README).
 */
export const UNUSED_CREDENTIAL_PROVIDERS: readonly string[] = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

/**
 * Banner of the ESM bundle: gives CommonJS dependencies that call `require()` for Node
 * built-ins a working `require`, which an ESM bundle does not have.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __sfnCallbackCreateRequire } from 'node:module'; const require = __sfnCallbackCreateRequire(import.meta.url);";

/**
 * The bundling options the worker function uses by default.
 *
 * - `format: ESM`, `mainFields: ['module', 'main']`: the SDK's ES module build, smaller and
 *   faster to load than its CommonJS build.
 * - `bundleAwsSDK: true`: the SDK is bundled, not taken from the runtime, so the function runs
 *   the SDK version it was tested with, tree-shaken, as ESM.
 * - `externalModules`: {@link UNUSED_CREDENTIAL_PROVIDERS}.
 * - `minify`, `sourceMap` (without sources content), `target: node24`.
 * - `forceDockerBundling: false`: bundles with the esbuild found in `node_modules` or `PATH`.
 *
 * @returns a fresh object; spread it to override single options.
 */
export function defaultBundlingOptions(): nodejs.BundlingOptions {
  return {
    format: nodejs.OutputFormat.ESM,
    mainFields: ['module', 'main'],
    minify: true,
    sourceMap: true,
    sourcesContent: false,
    target: DEFAULT_ESBUILD_TARGET,
    bundleAwsSDK: true,
    externalModules: [...UNUSED_CREDENTIAL_PROVIDERS],
    banner: ESM_REQUIRE_BANNER,
    forceDockerBundling: false,
  };
}
