import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExecutionDescription, LocalRunner } from '@sfn-callback/local';
import { CALLBACK_MESSAGE_JSONPATH } from '@sfn-callback/task-token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_OUTPUT } from '../src/handler.ts';

// The example as it would be deployed: synthesized by the real `cdk` CLI (bundling the
// worker with esbuild, cdk-nag on), then run by @sfn-callback/local from that cloud
// assembly alone: the template's state machine, queue, function asset and topic.

const appDir = fileURLToPath(new URL('..', import.meta.url));
const STACK = 'CallbackExample';
let outdir: string;
let template: { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
let runner: LocalRunner;
const functionLogs: string[] = [];
const batches: Array<{ failed: number }> = [];
const executions: ExecutionDescription[] = [];

async function run(input: unknown): Promise<ExecutionDescription> {
  const execution = await runner.runExecution(input);
  executions.push(execution);
  return execution;
}

function topic() {
  const [only] = runner.topics.values();
  if (!only) throw new Error('the example has no topic');
  return only;
}

const resourcesOf = (type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
const typesOf = (execution: ExecutionDescription) => execution.events.map((event) => event.type);

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'callback-example-'));
  execFileSync('cdk', ['synth', '--quiet', '--output', outdir], {
    cwd: appDir,
    stdio: 'pipe',
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true' },
  });
  template = JSON.parse(readFileSync(join(outdir, `${STACK}.template.json`), 'utf8'));
  runner = await LocalRunner.start({
    assembly: outdir,
    onFunctionLog: (_name, line) => functionLogs.push(line),
    onBatch: (report) => batches.push(report),
  });
});

afterAll(async () => {
  await runner?.close();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('cdk synth of the example, through the real CLI', () => {
  it('passes cdk-nag (AwsSolutions and Serverless packs) with no finding left', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports).toEqual([]);
  });

  it('has the sample’s parts: one queue and its DLQ, one Node 24 function, one topic, one state machine', () => {
    expect(resourcesOf('AWS::SQS::Queue')).toHaveLength(2);
    expect(resourcesOf('AWS::SNS::Topic')).toHaveLength(1);
    expect(resourcesOf('AWS::StepFunctions::StateMachine')).toHaveLength(1);
    const functions = resourcesOf('AWS::Lambda::Function').filter(
      ([, fn]) => fn.Properties.Handler === 'index.handler',
    );
    expect(functions).toHaveLength(1);
    expect(functions[0]?.[1].Properties.Runtime).toBe('nodejs24.x');
  });

  it('sends exactly the envelope that the handler parses (the shared contract)', () => {
    const [, stateMachine] = resourcesOf('AWS::StepFunctions::StateMachine')[0] ?? [];
    const definition = JSON.stringify(stateMachine?.Properties.DefinitionString);
    for (const [field, path] of Object.entries(CALLBACK_MESSAGE_JSONPATH)) {
      expect(definition).toContain(`\\"${field}\\":\\"${path.replace(/\$/g, '$')}\\"`);
    }
  });
});

describe('the synthesized example, run locally', () => {
  it('success: the worker answers the sample’s output and "Notify Success" publishes it', async () => {
    const execution = await run({ Comment: 'Insert your JSON here' });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toBe(SAMPLE_OUTPUT);
    expect(typesOf(execution)).toContain('TaskSubmitted');
    const notifications = topic().messages;
    expect(notifications.at(-1)).toMatchObject({ message: JSON.stringify(SAMPLE_OUTPUT) });
  });

  it('failure: the worker throws, SendTaskFailure reaches the workflow, "Notify Failure" publishes', async () => {
    const execution = await run({ fail: true });
    expect(execution.status).toBe('FAILED');
    const taskFailed = execution.events.find((event) => event.type === 'TaskFailed');
    expect(taskFailed?.taskFailedEventDetails).toMatchObject({
      error: 'ExampleWorkerError',
      cause: expect.stringContaining('"fail": true'),
    });
    expect(typesOf(execution).slice(-3)).toEqual([
      'TaskStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    const failureNotice = JSON.parse(topic().messages.at(-1)?.message ?? '{}');
    expect(failureNotice.error).toMatchObject({ Error: 'ExampleWorkerError' });
  });

  it('a duplicate delivery: the second SendTaskSuccess gets TaskTimedOut and is logged as already closed', async () => {
    const first = await run({ order: 'dup' });
    const scheduled = first.events.find((event) => event.type === 'TaskScheduled');
    const { MessageBody, QueueUrl } = JSON.parse(
      scheduled?.taskScheduledEventDetails?.parameters ?? '{}',
    );
    const queue = [...runner.queues.values()].find((q) => q.spec.url === QueueUrl);
    if (!queue) throw new Error(`no local queue for ${QueueUrl}`);
    const closedBefore = runner.callbacks.byOperation.SendTaskSuccess?.TaskTimedOut ?? 0;

    queue.send({ MessageBody: JSON.stringify(MessageBody) });
    await expect
      .poll(() => runner.callbacks.byOperation.SendTaskSuccess?.TaskTimedOut ?? 0)
      .toBe(closedBefore + 1);
    await runner.idle();

    expect(queue.visibleCount + queue.inFlightCount).toBe(0);
    expect(functionLogs.some((line) => /already closed/i.test(line))).toBe(true);
    expect(runner.describeExecution(first.executionArn)?.status).toBe('SUCCEEDED');
  });

  it('a poison message is reported as a batch item failure and kept for redelivery, never dropped', async () => {
    const queue = [...runner.queues.values()].find((q) => q.spec.redrivePolicy !== undefined);
    if (!queue) throw new Error('the worker queue has no redrive policy');
    const failedBefore = batches.filter((batch) => batch.failed > 0).length;

    queue.send({ MessageBody: 'this is not JSON' });
    await expect
      .poll(() => batches.filter((batch) => batch.failed > 0).length)
      .toBe(failedBefore + 1);
    // Back in the queue after its visibility timeout; to the DLQ after maxReceiveCount.
    expect(queue.inFlightCount).toBe(1);
    expect(queue.spec.redrivePolicy?.maxReceiveCount).toBeGreaterThan(0);
  });

  it('no function log line holds a task token', () => {
    const tokens = new Set<string>();
    for (const execution of executions) {
      for (const event of execution.events) {
        const parameters = event.taskScheduledEventDetails?.parameters;
        const token = parameters ? JSON.parse(parameters).MessageBody?.TaskToken : undefined;
        if (typeof token === 'string') tokens.add(token);
      }
    }
    expect(tokens.size).toBe(executions.length);
    expect(functionLogs.length).toBeGreaterThan(0);
    for (const line of functionLogs) for (const token of tokens) expect(line).not.toContain(token);
  });
});

describe("the local README's sample output is this app's real run", () => {
  const readme = readFileSync(
    fileURLToPath(new URL('../../../packages/local/README.md', import.meta.url)),
    'utf8',
  );
  /** The history rows of a CLI output: id, type, step, resource (timings and details vary). */
  const rows = (text: string) =>
    text
      .split('\n')
      .filter((line) => /^\s*\d+ {2}[A-Z]/.test(line))
      .map((line) => line.trim().split(/ {2,}/).slice(0, 4).join(' | '));
  const sample = (name: string) =>
    new RegExp(
      `<!-- sample:${name} -->\\n\`\`\`text\\n([\\s\\S]*?)\`\`\`\\n<!-- /sample:${name} -->`,
    ).exec(readme)?.[1] ?? '';
  const cli = (...args: string[]) => {
    try {
      return execFileSync('sfn-callback-local', ['run', '--app', outdir, ...args], {
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
      });
    } catch (error) {
      throw new Error(`the CLI failed: ${(error as { stderr?: string }).stderr ?? error}`);
    }
  };

  it.each([
    ['success', ['--input', '{"orderId": 42}']],
    ['failure', ['--input', '{"fail": true}', '--expect', 'FAILED']],
  ])('%s: the same events, steps and resources, in the same order', (name, args) => {
    const shown = rows(sample(name));
    expect(shown.length).toBeGreaterThan(10);
    expect(rows(cli(...args))).toEqual(shown);
  });
});
