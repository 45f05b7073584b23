import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CallbackPattern, CallbackTask, CallbackWorker } from '@sfn-callback/cdk';
import { type ExecutionDescription, type HistoryEvent, LocalRunner } from '@sfn-callback/local';
import { TestMachine } from '@sfn-callback/testing';
import '@sfn-callback/testing/vitest';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_OUTPUT } from '../src/handler.ts';

// The example's worker, in JSONata state machines that only our engine runs locally:
// a CallbackPattern in JSONata, and a machine with Assign, Choice, Map and Parallel around
// a CallbackTask.jsonata. Synthesized in process (the worker bundled by esbuild, as
// `cdk synth` does it), then run by @sfn-callback/local.

const HANDLER_ENTRY = fileURLToPath(new URL('../src/handler.ts', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'callback-example-jsonata-'));

function synth(): string {
  const app = new App({ outdir, context: { '@aws-cdk/core:validation': false } });
  const patternStack = new Stack(app, 'JsonataPattern');
  new CallbackPattern(patternStack, 'CallbackPattern', {
    queryLanguage: sfn.QueryLanguage.JSONATA,
    lambdaFunctionProps: { entry: HANDLER_ENTRY, handler: 'handler' },
    callbackTaskProps: { timeout: Duration.seconds(30), heartbeat: Duration.seconds(2) },
  });

  const composedStack = new Stack(app, 'Composed');
  const worker = new CallbackWorker(composedStack, 'Worker', {
    lambdaFunctionProps: { entry: HANDLER_ENTRY, handler: 'handler' },
  });
  const callback = CallbackTask.jsonata(composedStack, 'Wait For Callback', {
    queue: worker.queue,
    timeout: Duration.seconds(30),
    heartbeat: Duration.seconds(10),
    assign: { lastAnswer: '{% $states.result %}' },
  });
  const perItem = new sfn.Map(composedStack, 'Each Order', {
    queryLanguage: sfn.QueryLanguage.JSONATA,
    items: sfn.ProvideItems.jsonata('{% $states.input.orders %}'),
    maxConcurrency: 2,
  });
  perItem.itemProcessor(callback);
  const count = sfn.Pass.jsonata(composedStack, 'Count', {
    outputs: { count: '{% $count($states.input.orders) %}', prefix: '{% $prefix %}' },
  });
  const branches = new sfn.Parallel(composedStack, 'Both', {
    queryLanguage: sfn.QueryLanguage.JSONATA,
  })
    .branch(perItem)
    .branch(count);
  const route = sfn.Choice.jsonata(composedStack, 'Any Orders?')
    .when(sfn.Condition.jsonata('{% $count($states.input.orders) > 0 %}'), branches)
    .otherwise(sfn.Pass.jsonata(composedStack, 'Nothing To Do'));
  const start = sfn.Pass.jsonata(composedStack, 'Start', { assign: { prefix: 'order-' } });
  const machine = new sfn.StateMachine(composedStack, 'Orders', {
    queryLanguage: sfn.QueryLanguage.JSONATA,
    definitionBody: sfn.DefinitionBody.fromChainable(start.next(route)),
  });
  worker.grantTaskResponse(machine);
  app.synth();
  return outdir;
}

let assembly: string;
beforeAll(() => {
  assembly = synth();
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const typesOf = (execution: ExecutionDescription) => execution.events.map((event) => event.type);
const byType = (execution: ExecutionDescription, type: string): HistoryEvent[] =>
  execution.events.filter((event) => event.type === type);

describe('a CallbackPattern in JSONata (its task built as CallbackTask.jsonata) runs locally', () => {
  let runner: LocalRunner;
  beforeAll(async () => {
    runner = await LocalRunner.start({ assembly, stack: 'JsonataPattern' });
  });
  afterAll(async () => runner?.close());

  it('success: the worker answers through the real SDK, Notify Success publishes', async () => {
    const execution = await runner.runExecution({ order: 42 });
    expect(execution.status).toBe('SUCCEEDED');
    const succeeded = byType(execution, 'TaskSucceeded')[0];
    expect(JSON.parse(succeeded?.taskSucceededEventDetails?.output ?? 'null')).toBe(SAMPLE_OUTPUT);
    expect(execution.notifications.map((message) => message.stateName)).toEqual(['Notify Success']);
  });

  it('failure: the worker throws, the Catch sends it to Notify Failure and Fail', async () => {
    const execution = await runner.runExecution({ fail: true });
    expect(execution.status).toBe('FAILED');
    expect(byType(execution, 'TaskFailed')[0]?.taskFailedEventDetails?.error).toBe(
      'ExampleWorkerError',
    );
    expect(execution.notifications.map((message) => message.stateName)).toEqual(['Notify Failure']);
  });
});

describe('heartbeat timeout of the JSONata pattern, with no worker answering', () => {
  it('ends the task as AWS records it (TaskTimedOut, States.Timeout) and notifies failure, on virtual time', async () => {
    const machine = await TestMachine.fromCdkApp(assembly, {
      stateMachine: 'JsonataPattern/CallbackPattern/StateMachine',
      stack: 'JsonataPattern',
    });
    const execution = machine.start(
      { order: 1 },
      { resources: { 'sns:publish': { result: { MessageId: 'm-1' } } } },
    );
    const task = await execution.waitForTask();
    expect(task.message).toMatchObject({ TaskToken: task.token, Input: { order: 1 } });
    await task.timeOut(); // the 2 s heartbeat passes without a real wait
    await execution.finished();
    const callback = execution.state(task.stateName);
    expect(callback.errors).toEqual([{ error: 'States.Timeout', cause: '' }]);
    expect(execution.history.map((event) => event.type)).toContain('TaskTimedOut');
    expect(execution).toHaveVisited('Notify Failure');
    expect(execution).toHaveFailed();
  });
});

describe('the JSONata pattern in @sfn-callback/testing, each way through it (state machine coverage)', () => {
  const load = () =>
    TestMachine.fromCdkApp(assembly, {
      stateMachine: 'JsonataPattern/CallbackPattern/StateMachine',
      stack: 'JsonataPattern',
    });

  it('the worker answers: Notify Success, then the end', async () => {
    const machine = await load();
    const execution = machine.start(
      { order: 2 },
      { resources: { 'sns:publish': { result: { MessageId: 'm-2' } } } },
    );
    (await execution.waitForTask()).succeed(SAMPLE_OUTPUT);
    await execution.finished();
    expect(execution).toHaveSucceeded();
    expect(execution).toHaveVisited('Notify Success');
  });

  it('the worker fails the task: the Catch goes to Notify Failure and Fail', async () => {
    const machine = await load();
    const execution = machine.start(
      { order: 3 },
      { resources: { 'sns:publish': { result: { MessageId: 'm-3' } } } },
    );
    (await execution.waitForTask()).fail('ExampleWorkerError', 'no stock');
    await execution.finished();
    expect(execution).toHaveVisited('Notify Failure');
    expect(execution).toHaveFailed();
  });

  it('Notify Success cannot publish: its Catch goes to Notify Failure', async () => {
    const machine = await load();
    const execution = machine.start(
      { order: 4 },
      {
        resources: {
          'sns:publish': [
            { error: 'SNS.InternalErrorException' },
            { result: { MessageId: 'm-4' } },
          ],
        },
      },
    );
    (await execution.waitForTask()).succeed(SAMPLE_OUTPUT);
    await execution.finished();
    expect(execution.path()).toContain('Notify Failure');
    expect(execution).toHaveFailed();
  });
});

describe('Assign, Choice, Map and Parallel around a CallbackTask.jsonata', () => {
  let runner: LocalRunner;
  let execution: ExecutionDescription;
  beforeAll(async () => {
    runner = await LocalRunner.start({ assembly, stack: 'Composed' });
    execution = await runner.runExecution({ orders: [{ id: 1 }, { id: 2 }, { id: 3 }] });
  });
  afterAll(async () => runner?.close());

  it('succeeds with each branch output, the variables read across scopes', () => {
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual([
      [SAMPLE_OUTPUT, SAMPLE_OUTPUT, SAMPLE_OUTPUT],
      { count: 3, prefix: 'order-' },
    ]);
  });

  it('has the history in AWS shapes: one callback per item, Map and Parallel events', () => {
    const types = typesOf(execution);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(types.filter((type) => type === 'TaskSubmitted')).toHaveLength(3);
    expect(types.filter((type) => type === 'MapIterationStarted')).toHaveLength(3);
    expect(types.filter((type) => type === 'MapIterationSucceeded')).toHaveLength(3);
    for (const type of ['ParallelStateStarted', 'ParallelStateSucceeded', 'MapStateStarted']) {
      expect(types).toContain(type);
    }
    // Recorded AWS chaining: ids from 1, the first state's Entered at 0, every other event
    // after the one it follows.
    expect(execution.events.map((event) => event.id)).toEqual(types.map((_, i) => i + 1));
    const entered = execution.events.find((event) => event.type === 'PassStateEntered');
    expect(entered?.previousEventId).toBe(0);
    for (const event of execution.events.slice(2)) {
      expect(event.previousEventId).toBeLessThan(event.id);
      expect(event.previousEventId).toBeGreaterThan(0);
    }
    // The Map's length, and each iteration's index.
    expect(byType(execution, 'MapStateStarted')[0]?.mapStateStartedEventDetails?.length).toBe(3);
    expect(
      byType(execution, 'MapIterationStarted').map((e) => e.mapIterationStartedEventDetails?.index),
    ).toEqual([0, 1, 2]);
  });

  it('records the variables each state assigns, as JSON text, on its Exited event', () => {
    const start = execution.events.find(
      (event) =>
        event.type === 'PassStateExited' && event.stateExitedEventDetails?.name === 'Start',
    );
    expect(start?.stateExitedEventDetails?.assignedVariables).toEqual({ prefix: '"order-"' });
    const callbacks = execution.events.filter(
      (event) =>
        event.type === 'TaskStateExited' &&
        event.stateExitedEventDetails?.name === 'Wait For Callback',
    );
    expect(callbacks.map((event) => event.stateExitedEventDetails?.assignedVariables)).toEqual([
      { lastAnswer: JSON.stringify(SAMPLE_OUTPUT) },
      { lastAnswer: JSON.stringify(SAMPLE_OUTPUT) },
      { lastAnswer: JSON.stringify(SAMPLE_OUTPUT) },
    ]);
  });
});
