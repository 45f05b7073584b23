/** Source files a consumer writes, as a user of the packages would. */

/** A worker handler written with @sfn-callback/middy-sqs. */
export const CONSUMER_HANDLER = `
import { sqsCallbackHandler } from '@sfn-callback/middy-sqs';

export const handler = sqsCallbackHandler(async (input) => ({ received: input, approved: true }));
`;

/** A CDK app that uses @sfn-callback/cdk, the handler above as its worker. */
export const CONSUMER_CDK_APP = `
import { App, Stack } from 'aws-cdk-lib';
import { CallbackPattern } from '@sfn-callback/cdk';

const app = new App({ outdir: process.argv[2] });
const stack = new Stack(app, 'ConsumerStack');
new CallbackPattern(stack, 'Pattern', {
  lambdaFunctionProps: { entry: new URL('./handler.mjs', import.meta.url).pathname },
});
app.synth();
`;

/** Bundles the handler as the construct does: ESM, SDK included, minified. */
export const CONSUMER_BUNDLE_SCRIPT = `
import { build } from 'esbuild';
await build({
  entryPoints: ['handler.mjs'],
  outfile: 'dist/handler.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
`;

/** Invokes the bundled handler with one SQS record, and prints its answer. */
export const CONSUMER_INVOKE_SCRIPT = `
const { handler } = await import('./dist/handler.mjs');
const body = JSON.stringify({ TaskToken: process.env.TEST_TASK_TOKEN, Input: { orderId: 'o-1' } });
const event = {
  Records: [{
    messageId: 'm-1', receiptHandle: 'r-1', body, attributes: {}, messageAttributes: {},
    md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:q', awsRegion: 'us-east-1',
  }],
};
const context = { getRemainingTimeInMillis: () => 30_000, functionName: 'consumer', awsRequestId: 'req-1' };
console.log(JSON.stringify(await handler(event, context)));
`;
