import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalRunner } from '@sfn-callback/local';
import { FakeStepFunctions } from '@sfn-callback/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countTsFences,
  examplesOf,
  type ReadmeExample,
  readmes,
} from './support/readme-examples.js';
import { repoRoot } from './support/repo.js';

// Every ```ts example of the READMEs, compiled as a module of its own (strict, NodeNext,
// against the workspace's packages), in the context its `<!-- example-context -->` comment
// gives, if any; then every one is run, as a user who copies it would run it:
// - in a folder whose `cdk.out` is the cdk README's `CallbackPattern` app, synthesized by that
//   example itself (the local README's examples start their runner on it);
// - with the SDK pointed at a fake Step Functions endpoint holding an open task token, or,
//   for the local README's SDK example, at a LocalRunner serving that app;
// - an exported SQS `handler` is invoked with one callback record
//   (support/run-readme-example.mjs, which also gives a value to what a context declares);
// - a vitest test file (testing's README) is left to its package's own README test, which
//   runs it under vitest.

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
// Inside e2e/, so that the examples' imports resolve to e2e's dependencies.
const dir = join(repoRoot, 'e2e', '.readme-examples');
// Compiled JavaScript, run by Node.
const out = join(dir, 'out');
const runExampleScript = fileURLToPath(
  new URL('./support/run-readme-example.mjs', import.meta.url),
);
const examples: ReadmeExample[] = readmes().flatMap(examplesOf);
const fileOf = (e: ReadmeExample) =>
  `${e.readme.replace(/\/README\.md$|\.md$/, '').replaceAll('/', '-')}-line-${e.line}.mts`;
const compiledFileOf = (e: ReadmeExample) => join(out, fileOf(e).replace(/\.mts$/, '.mjs'));
const diagnostics = new Map<string, string[]>();

/** The worker every app of the examples bundles (`handler.ts`, `src/approve.ts`). */
const WORKER =
  "import { sqsCallbackHandler } from '@sfn-callback/middy-sqs';\nexport const handler = sqsCallbackHandler(async () => ({ approved: true }));\n";

/** Step Functions Local's mock file, with the test case the testing README's example reads. */
const MOCK_CONFIG_FILE = {
  StateMachines: { Orders: { TestCases: { HappyPath: { Reserve: 'Reserved' } } } },
  MockedResponses: {
    Reserved: { '0': { Return: { StatusCode: 200, Payload: { reserved: true } } } },
  },
};

/**
 * A vitest test file (it imports `vitest`): its package's own README test runs it under
 * vitest (packages/testing/tests/readme), where `it` and `expect` mean something.
 */
const isVitestFile = (e: ReadmeExample) => /from 'vitest'/.test(e.code);

const isCallbackPatternApp = (e: ReadmeExample) =>
  e.readme === 'packages/cdk/README.md' && e.code.includes('new CallbackPattern(');
const callbackPatternApp = examples.find(isCallbackPatternApp);

let endpoint: FakeStepFunctions;
let tokens = 0;

/** Runs a compiled example in `dir` (asynchronously: the fake endpoint answers in this process). */
function runExample(
  example: ReadmeExample,
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [runExampleScript, compiledFileOf(example)],
      {
        cwd: dir,
        env: {
          ...process.env,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          CDK_VALIDATION: 'false',
          ...env,
        },
        timeout: 240_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        error
          ? reject(
              new Error(
                `${example.readme}:${example.line} failed when run: ${error.message}\n${stdout}\n${stderr}`,
              ),
            )
          : resolve({ stdout, stderr }),
    );
  });
}

let assembly: Promise<string> | undefined;
/**
 * The cdk README's `CallbackPattern` app, synthesized by running that example into
 * `<dir>/cdk.out`: the app the local README's examples run (once, whichever test asks first).
 */
function synthesizedAssembly(): Promise<string> {
  assembly ??= (async () => {
    if (!callbackPatternApp) throw new Error('the cdk README has no CallbackPattern example');
    const outdir = join(dir, 'cdk.out');
    await runExample(callbackPatternApp, { CDK_OUTDIR: outdir, EXAMPLE_TASK_TOKEN: 'unused' });
    return outdir;
  })();
  return assembly;
}

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const example of examples) {
    const contextLines = example.context === '' ? 0 : example.context.split('\n').length;
    writeFileSync(
      join(dir, fileOf(example)),
      // The context first; the example's own lines keep their README line numbers in errors.
      `${example.context}${contextLines ? '\n' : ''}${example.code}\nexport {};\n`,
    );
  }
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2023',
        lib: ['ES2023', 'DOM'],
        strict: true,
        outDir: 'out',
        // skipLibCheck: false is tested on the tarballs (consumers.test.ts).
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['*.mts'],
    }),
  );
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  // What the apps of the examples bundle: next to the compiled files (`new URL('./handler.ts',
  // import.meta.url)`) and under the working folder (`entry: 'src/approve.ts'`).
  writeFileSync(join(out, 'handler.ts'), WORKER);
  // The mock file the testing README's mocks example loads, as Step Functions Local reads it.
  writeFileSync(join(dir, 'MockConfigFile.json'), JSON.stringify(MOCK_CONFIG_FILE));
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'approve.ts'), WORKER);
  for (const line of output.split('\n')) {
    const match = /^([^(]+)\((\d+),\d+\): (error .*)$/.exec(line);
    if (!match) continue;
    const [, file = '', , message = ''] = match;
    const list = diagnostics.get(file) ?? [];
    list.push(`${file}:${match[2]}: ${message}`);
    diagnostics.set(file, list);
  }
  endpoint = await FakeStepFunctions.start();
}, 120_000);

afterAll(async () => {
  await endpoint?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('README examples', () => {
  it('every ```ts block of every README is found', () => {
    for (const readme of readmes()) {
      expect(examplesOf(readme).length, readme).toBe(countTsFences(readme));
    }
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  it.each(examples.map((e) => [`${e.readme}:${e.line}`, e] as const))(
    '%s compiles',
    (_where, example) => {
      expect(diagnostics.get(fileOf(example)) ?? []).toEqual([]);
    },
  );

  it('no diagnostic is outside the examples', () => {
    const files = new Set(readdirSync(dir));
    expect([...diagnostics.keys()].filter((f) => !files.has(f))).toEqual([]);
  });

  it("the cdk README's CallbackPattern app synthesizes, as an ESM app (import.meta.url)", async () => {
    const outdir = await synthesizedAssembly();
    expect(readdirSync(outdir)).toContain('CallbackExample.template.json');
  });

  it.each(
    examples
      .filter((e) => !isCallbackPatternApp(e) && !isVitestFile(e))
      .map((e) => [`${e.readme}:${e.line}`, e] as const),
  )('%s runs', async (_where, example) => {
    const token = `AQCEAAAAKgAAAAMAAAAA${String(++tokens).padStart(4, '0')}${'z'.repeat(116)}`;
    endpoint.openTask(token);
    const outdir = mkdtempSync(join(tmpdir(), 'sfn-callback-readme-out-'));
    const env: NodeJS.ProcessEnv = {
      AWS_ENDPOINT_URL_SFN: endpoint.url,
      EXAMPLE_TASK_TOKEN: token,
      CDK_OUTDIR: outdir,
    };
    let runner: LocalRunner | undefined;
    try {
      if (example.readme === 'packages/local/README.md') {
        const app = await synthesizedAssembly();
        if (example.context.includes('stateMachineArn')) {
          // The SDK example talks to `serve`: a runner of the same app, its endpoint.
          runner = await LocalRunner.start({ assembly: app });
          env.AWS_ENDPOINT_URL_SFN = runner.endpointUrl;
          env.EXAMPLE_STATE_MACHINE_ARN = runner.stateMachine().arn;
        }
      }
      const { stdout } = await runExample(example, env);
      const answered = /^handler answered (.*)$/m.exec(stdout)?.[1];
      if (answered !== undefined) {
        // One record, answered to Step Functions (success, or failure for a worker that
        // throws), and not handed back to the queue.
        expect(JSON.parse(answered)).toEqual({ batchItemFailures: [] });
        expect(['succeeded', 'failed']).toContain(endpoint.tasks.get(token));
      }
      if (runner) {
        const [execution] = runner.executions();
        expect(execution?.status).toBe('SUCCEEDED');
      }
    } finally {
      await runner?.close();
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
