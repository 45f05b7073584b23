/**
 * Emulated integrations beyond SQS, SNS and Lambda, through the SDK against `serve`:
 * nested executions (`states:startExecution` plain, `.sync`, `.sync:2`,
 * `.waitForTaskToken`) run the named state machine here, and EventBridge `events:putEvents`
 * is recorded (and a `.waitForTaskToken` put waits for its token).
 */
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from '../support/serve-process.js';
import { historyOf, localClient, waitForEnd, waitForEvent } from '../support/sfn-client.js';

const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';
const CHILD = 'arn:aws:states:us-east-1:000000000000:stateMachine:Child';
const FAILING = 'arn:aws:states:us-east-1:000000000000:stateMachine:FailingChild';

describe('nested executions and EventBridge, emulated', () => {
  let serve: ServeProcess;
  let sfn: SFNClient;

  const create = async (name: string, definition: object) =>
    (
      await sfn.send(
        new CreateStateMachineCommand({
          name,
          roleArn: ROLE,
          definition: JSON.stringify(definition),
        }),
      )
    ).stateMachineArn as string;

  const task = (resource: string, parameters: object) => ({
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: resource, Parameters: parameters, End: true } },
  });

  beforeAll(async () => {
    serve = await startServe([]);
    sfn = localClient(serve.endpointUrl);
    await create('Child', {
      StartAt: 'Echo',
      States: { Echo: { Type: 'Pass', Parameters: { 'got.$': '$' }, End: true } },
    });
    await create('FailingChild', {
      StartAt: 'Boom',
      States: { Boom: { Type: 'Fail', Error: 'SomeFailure', Cause: 'the child failed' } },
    });
  });

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  async function run(stateMachineArn: string, input: object = {}) {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
    );
    return waitForEnd(sfn, executionArn as string);
  }

  it('.sync: the child runs here; the result has Input and Output as JSON text, as AWS gives them', async () => {
    const parent = await create(
      'ParentSync',
      task('arn:aws:states:::states:startExecution.sync', {
        StateMachineArn: CHILD,
        Input: { 'n.$': '$.n' },
        Name: 'sync-child',
      }),
    );
    const ended = await run(parent, { n: 7 });
    expect(ended.status).toBe('SUCCEEDED');
    const output = JSON.parse(ended.output as string);
    expect(output).toMatchObject({
      ExecutionArn: 'arn:aws:states:us-east-1:000000000000:execution:Child:sync-child',
      Input: '{"n":7}',
      InputDetails: { Included: true },
      Name: 'sync-child',
      Output: '{"got":{"n":7}}',
      OutputDetails: { Included: true },
      StateMachineArn: CHILD,
      Status: 'SUCCEEDED',
    });
    expect(typeof output.StartDate).toBe('number');
    const types = (await historyOf(sfn, ended.executionArn as string)).map((e) => e.type);
    expect(types).toContain('TaskSubmitted');
    // The child is an execution of its own, describable as any other.
    const child = await sfn.send(
      new DescribeExecutionCommand({ executionArn: output.ExecutionArn }),
    );
    expect(child.status).toBe('SUCCEEDED');
  });

  it('.sync:2 gives Input and Output as JSON; a failed child fails the task with States.TaskFailed', async () => {
    const parent = await create(
      'ParentSync2',
      task('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: CHILD }),
    );
    const ended = await run(parent);
    expect(JSON.parse(ended.output as string)).toMatchObject({
      Input: {},
      Output: { got: {} },
      Status: 'SUCCEEDED',
    });

    const failing = await create(
      'ParentOfFailing',
      task('arn:aws:states:::states:startExecution.sync', { StateMachineArn: FAILING }),
    );
    const failed = await run(failing);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBe('States.TaskFailed');
    expect(JSON.parse(failed.cause as string)).toMatchObject({
      Error: 'SomeFailure',
      Cause: 'the child failed',
      Status: 'FAILED',
    });
  });

  it('plain startExecution answers at once; .waitForTaskToken waits for the token the child was given', async () => {
    const plain = await create(
      'ParentPlain',
      task('arn:aws:states:::states:startExecution', { StateMachineArn: CHILD }),
    );
    const started = JSON.parse((await run(plain)).output as string);
    expect(started.ExecutionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:execution:Child:/);
    expect(typeof started.StartDate).toBe('number');

    const waiting = await create(
      'ParentWaits',
      task('arn:aws:states:::states:startExecution.waitForTaskToken', {
        StateMachineArn: CHILD,
        Input: { 'token.$': '$$.Task.Token' },
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: waiting }),
    );
    const submitted = await waitForEvent(sfn, executionArn as string, 'TaskSubmitted');
    const childArn = JSON.parse(submitted.taskSubmittedEventDetails?.output as string).ExecutionArn;
    const child = await waitForEnd(sfn, childArn);
    const { got } = JSON.parse(child.output as string);
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: got.token, output: '{"answered":true}' }),
    );
    const ended = await waitForEnd(sfn, executionArn as string);
    expect(ended.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended.output as string)).toEqual({ answered: true });
  });

  it('a missing child state machine fails the task as the integration does', async () => {
    const parent = await create(
      'ParentOfNothing',
      task('arn:aws:states:::states:startExecution.sync', {
        StateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Nothing',
      }),
    );
    expect(await run(parent)).toMatchObject({
      status: 'FAILED',
      error: 'StepFunctions.StateMachineDoesNotExistException',
    });
  });

  it('events:putEvents is recorded and answered; .waitForTaskToken waits for the token it carried', async () => {
    const put = await create(
      'PutEvents',
      task('arn:aws:states:::events:putEvents', {
        Entries: [{ Source: 'orders', DetailType: 'OrderPlaced', Detail: { 'id.$': '$.id' } }],
      }),
    );
    const ended = await run(put, { id: 42 });
    const output = JSON.parse(ended.output as string);
    expect(output).toMatchObject({
      FailedEntryCount: 0,
      Entries: [{ EventId: expect.any(String) }],
    });
    const scheduled = (await historyOf(sfn, ended.executionArn as string)).find(
      (e) => e.type === 'TaskScheduled',
    );
    expect(scheduled?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'events',
      resource: 'putEvents',
    });

    const waiting = await create(
      'PutEventsAndWait',
      task('arn:aws:states:::events:putEvents.waitForTaskToken', {
        Entries: [
          {
            Source: 'reviews',
            DetailType: 'ReviewRequested',
            EventBusName: 'reviews-bus',
            Detail: { 'TaskToken.$': '$$.Task.Token' },
          },
        ],
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: waiting }),
    );
    const sched = await waitForEvent(sfn, executionArn as string, 'TaskSubmitted');
    expect(sched).toBeDefined();
    const history = await historyOf(sfn, executionArn as string);
    const parameters = JSON.parse(
      history.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails
        ?.parameters as string,
    );
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: parameters.Entries[0].Detail.TaskToken,
        output: '{"reviewed":true}',
      }),
    );
    expect(JSON.parse((await waitForEnd(sfn, executionArn as string)).output as string)).toEqual({
      reviewed: true,
    });
    // serve shows the recorded events as it shows SNS messages.
    await expect.poll(() => serve.stdout(), { timeout: 5000 }).toMatch(/EventBridge\s+reviews-bus/);
  });
});
