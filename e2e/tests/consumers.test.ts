import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeStepFunctions } from '@sfn-callback/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Consumer, createConsumer, runNode } from './support/consumer.js';
import {
  CONSUMER_BUNDLE_SCRIPT,
  CONSUMER_CDK_APP,
  CONSUMER_HANDLER,
  CONSUMER_INVOKE_SCRIPT,
} from './support/fixtures.js';
import { publishedPackages, repoRoot, run } from './support/repo.js';

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
let consumer: Consumer;

beforeAll(() => {
  // Only the packages and their peers (and esbuild, to bundle a worker): in particular not
  // @aws/durable-execution-sdk-js, which @middy/core's declarations import (middy issue 1694).
  consumer = createConsumer({ esbuild: '0.28.2' });
});

afterAll(() => {
  if (consumer) rmSync(consumer.dir, { recursive: true, force: true });
});

describe('the packed tarballs, installed by npm outside the workspace', () => {
  it('installs every published package from its tarball, with no workspace link', () => {
    for (const pkg of publishedPackages()) {
      const resolved = runNode(consumer.dir, [
        '-e',
        `console.log(require('node:fs').realpathSync(require.resolve('${pkg.name}/package.json')))`,
      ]).trim();
      expect(resolved).toBe(join(consumer.dir, 'node_modules', pkg.name, 'package.json'));
    }
  });

  it.each(publishedPackages().map((p) => [p.name]))(
    '%s loads with ESM import and CJS require, with the same exports',
    (name) => {
      const esm = runNode(consumer.dir, [
        '--input-type=module',
        '-e',
        `const m = await import('${name}'); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()));`,
      ]);
      const cjs = runNode(consumer.dir, [
        '-e',
        `console.log(JSON.stringify(Object.keys(require('${name}')).sort()))`,
      ]);
      const esmExports = JSON.parse(esm) as string[];
      expect(esmExports.length).toBeGreaterThan(0);
      expect(JSON.parse(cjs)).toEqual(esmExports);
    },
  );

  it.each([
    ['nodenext', 'NodeNext', 'NodeNext'],
    ['bundler', 'ESNext', 'Bundler'],
  ])(
    'a TypeScript consumer typechecks under moduleResolution %s',
    (label, module, moduleResolution) => {
      const project = join(consumer.dir, `ts-${label}`);
      run('mkdir', ['-p', project], consumer.dir);
      writeFileSync(join(project, 'consumer.mts'), TYPESCRIPT_CONSUMER);
      writeFileSync(join(project, 'consumer.cts'), TYPESCRIPT_CJS_CONSUMER);
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module,
            moduleResolution,
            target: 'ES2023',
            strict: true,
            noEmit: true,
            // TypeScript's default: the declarations of every package are checked too. A
            // middy-sqs user needs nothing more for it (see the test below).
            skipLibCheck: false,
            types: ['node'],
          },
          // A CommonJS file is a nodenext notion; the bundler resolution checks the ESM one.
          files: label === 'nodenext' ? ['consumer.mts', 'consumer.cts'] : ['consumer.mts'],
        }),
      );
      // A deliberate type error must be caught, or the check proves nothing.
      writeFileSync(
        join(project, 'wrong.mts'),
        `${TYPESCRIPT_CONSUMER}\nvoid tasks.succeed('t', { approved: 'yes' });\n`,
      );
      expect(() => run(process.execPath, [tsc, '-p', project], project)).not.toThrow();
      writeFileSync(
        join(project, 'tsconfig.wrong.json'),
        JSON.stringify({ extends: './tsconfig.json', files: ['wrong.mts'] }),
      );
      expect(() =>
        run(process.execPath, [tsc, '-p', join(project, 'tsconfig.wrong.json')], project),
      ).toThrow(/not assignable to type 'boolean'/);
    },
  );
  it("a middy-sqs consumer compiles with skipLibCheck: false without @middy/core's optional @aws/durable-execution-sdk-js", () => {
    // The point of the test: the package middy's declarations import is not installed.
    expect(() =>
      runNode(consumer.dir, [
        '-e',
        "require.resolve('@aws/durable-execution-sdk-js/package.json')",
      ]),
    ).toThrow(/Cannot find module/);
    const project = join(consumer.dir, 'ts-no-durable-sdk');
    run('mkdir', ['-p', project], consumer.dir);
    writeFileSync(join(project, 'consumer.mts'), MIDDY_SQS_CONSUMER);
    const tsconfig = {
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2023',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
      },
      files: ['consumer.mts'],
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    expect(() => run(process.execPath, [tsc, '-p', project], project)).not.toThrow();
    // Importing @middy/core itself still meets middy's issue: the check would catch a
    // middy-sqs declaration that imports it again.
    writeFileSync(
      join(project, 'own-chain.mts'),
      `import middy from '@middy/core';\n${MIDDY_SQS_CONSUMER}\nexport const own = middy();\n`,
    );
    writeFileSync(
      join(project, 'tsconfig.own-chain.json'),
      JSON.stringify({ ...tsconfig, files: ['own-chain.mts'] }),
    );
    expect(() =>
      run(process.execPath, [tsc, '-p', join(project, 'tsconfig.own-chain.json')], project),
    ).toThrow(
      /@middy\/core\/index\.d\.ts.*TS2307: Cannot find module '@aws\/durable-execution-sdk-js'/,
    );
  });
});

describe('a consumer project built on the tarballs', () => {
  it('synthesizes a scratch CDK app that uses @sfn-callback/cdk, bundling a middy-sqs worker', () => {
    writeFileSync(join(consumer.dir, 'handler.mjs'), CONSUMER_HANDLER);
    writeFileSync(join(consumer.dir, 'app.mjs'), CONSUMER_CDK_APP);
    const outdir = mkdtempSync(join(tmpdir(), 'sfn-callback-consumer-out-'));
    try {
      runNode(consumer.dir, ['app.mjs', outdir], { CDK_VALIDATION: 'false' });
      const template = JSON.parse(
        readFileSync(join(outdir, 'ConsumerStack.template.json'), 'utf8'),
      );
      const types = Object.values(template.Resources as Record<string, { Type: string }>).map(
        (r) => r.Type,
      );
      expect(types).toEqual(
        expect.arrayContaining([
          'AWS::StepFunctions::StateMachine',
          'AWS::SQS::Queue',
          'AWS::Lambda::Function',
          'AWS::Lambda::EventSourceMapping',
          'AWS::SNS::Topic',
        ]),
      );
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('bundles a middy-sqs handler with esbuild and runs an SQS event against a local endpoint', async () => {
    writeFileSync(join(consumer.dir, 'handler.mjs'), CONSUMER_HANDLER);
    writeFileSync(join(consumer.dir, 'bundle.mjs'), CONSUMER_BUNDLE_SCRIPT);
    writeFileSync(join(consumer.dir, 'invoke.mjs'), CONSUMER_INVOKE_SCRIPT);
    runNode(consumer.dir, ['bundle.mjs']);

    const endpoint = await FakeStepFunctions.start();
    const token = `AQCEAAAAKgAAAAMAAAAA${'z'.repeat(120)}`;
    endpoint.openTask(token);
    try {
      // Asynchronous, so the endpoint in this process can answer while the handler runs.
      const answer = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['invoke.mjs'],
          {
            cwd: consumer.dir,
            env: {
              ...process.env,
              AWS_ENDPOINT_URL_SFN: endpoint.url,
              AWS_REGION: 'us-east-1',
              AWS_ACCESS_KEY_ID: 'test',
              AWS_SECRET_ACCESS_KEY: 'test',
              TEST_TASK_TOKEN: token,
            },
          },
          (error, stdout, stderr) =>
            error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
        );
      });
      expect(JSON.parse(answer.trim().split('\n').at(-1) ?? '')).toEqual({ batchItemFailures: [] });
      expect(endpoint.requests).toEqual([
        {
          operation: 'SendTaskSuccess',
          contentType: 'application/x-amz-json-1.0',
          body: {
            taskToken: token,
            output: JSON.stringify({ received: { orderId: 'o-1' }, approved: true }),
          },
        },
      ]);
      expect(endpoint.tasks.get(token)).toBe('succeeded');
      expect(answer).not.toContain(token);
    } finally {
      await endpoint.stop();
    }
  });
});

const TYPESCRIPT_CONSUMER = `
import { App, Stack } from 'aws-cdk-lib';
import { CallbackPattern, type CallbackPatternProps } from '@sfn-callback/cdk';
import { sqsCallbackHandler } from '@sfn-callback/middy-sqs';
import { parseCallbackMessage, redactToken, TaskTokenClient, type TaskResponseResult } from '@sfn-callback/task-token';

interface Approval { approved: boolean }
const tasks = new TaskTokenClient<Approval>({ clientConfig: { region: 'us-east-1' } });
export async function complete(body: string): Promise<TaskResponseResult | undefined> {
  const parsed = parseCallbackMessage(body);
  if (!parsed.ok) return undefined;
  console.log(redactToken(parsed.token));
  return tasks.succeed(parsed.token, { approved: true });
}

export const handler = sqsCallbackHandler<{ orderId: string }, Approval>(async (order, { redactedToken }) => {
  console.log(redactedToken);
  return { approved: order.orderId.length > 0 };
});

const props: CallbackPatternProps = { lambdaFunctionProps: { entry: 'handler.ts' } };
export const pattern = new CallbackPattern(new Stack(new App(), 'S'), 'P', props);
`;

/** A middy-sqs worker using its handler's middy API (`.use()`, `.before()`), typed as Lambda's. */
const MIDDY_SQS_CONSUMER = `
import type { SQSHandler } from 'aws-lambda';
import { sqsCallbackHandler, sqsCallbackMiddleware, type SqsMiddleware } from '@sfn-callback/middy-sqs';

const audit: SqsMiddleware = {
  before: (request) => {
    console.log(request.event.Records.length, request.context.awsRequestId);
  },
};
export const handler: SQSHandler = sqsCallbackHandler(async (order: { orderId: string }) => ({
  approved: order.orderId.length > 0,
}))
  .use(audit)
  .before(async (request) => {
    console.log(request.event.Records[0]?.messageId);
  });
export const middleware = sqsCallbackMiddleware();
`;

/** The same packages from a CommonJS TypeScript file (require under nodenext). */
const TYPESCRIPT_CJS_CONSUMER = `
import taskToken = require('@sfn-callback/task-token');
import cdk = require('@sfn-callback/cdk');

export const tasks = new taskToken.TaskTokenClient<{ approved: boolean }>();
export const names: string = cdk.CALLBACK_PATTERN_STATE_NAMES.notifySuccess;
`;
