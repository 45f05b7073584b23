import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../src/index.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';

describe('the Step Functions API subset (serve --no-workers)', () => {
  let runner: LocalRunner;
  let sfn: SFNClient;
  let stateMachineArn: string;

  beforeAll(async () => {
    runner = await LocalRunner.start({
      assembly: await synthFixture({ heartbeatSeconds: 30, timeoutSeconds: 60 }),
      workers: false,
    });
    sfn = new SFNClient({
      endpoint: runner.endpointUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    stateMachineArn = runner.stateMachine().arn;
  });

  afterAll(async () => {
    sfn?.destroy();
    await runner?.close();
    removeFixtures();
  });

  it('lists and describes the state machine', async () => {
    const list = await sfn.send(new ListStateMachinesCommand({}));
    expect(list.stateMachines?.map((m) => m.stateMachineArn)).toEqual([stateMachineArn]);
    expect(list.stateMachines?.[0]?.creationDate).toBeInstanceOf(Date);
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described).toMatchObject({
      status: 'ACTIVE',
      type: 'STANDARD',
      name: runner.stateMachine().name,
    });
    expect(JSON.parse(described.definition ?? '{}').StartAt).toBe(
      'Start Task And Wait For Callback',
    );
  });

  it('starts an execution, shows the whole token in the history, and completes it with SendTaskSuccess', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: 'by-hand',
        input: JSON.stringify({ n: 1 }),
      }),
    );
    expect(executionArn).toBe(
      `${stateMachineArn.replace(':stateMachine:', ':execution:')}:by-hand`,
    );

    // No worker runs: the message waits on the queue, the task waits for its token.
    await expect.poll(() => runner.queue('WorkerQueueE3D427EB').visibleCount).toBe(1);
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running.status).toBe('RUNNING');

    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const scheduled = history.events?.find((e) => e.type === 'TaskScheduled');
    expect(scheduled?.timestamp).toBeInstanceOf(Date);
    const taskToken = JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}')
      .MessageBody.TaskToken;
    expect(runner.queue('WorkerQueueE3D427EB').peek()[0]?.body).toContain(taskToken);

    await sfn.send(
      new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ by: 'hand' }) }),
    );
    await expect
      .poll(async () => (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status)
      .toBe('SUCCEEDED');
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.stopDate).toBeInstanceOf(Date);
    expect(JSON.parse(done.input ?? '{}')).toEqual({ n: 1 });

    const all = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(all.events?.map((e) => e.type)).toContain('ExecutionSucceeded');
    expect(
      all.events?.find((e) => e.type === 'TaskSucceeded')?.taskSucceededEventDetails?.output,
    ).toBe(JSON.stringify({ by: 'hand' }));
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 2, reverseOrder: true }),
    );
    expect(page.events?.map((e) => e.type)).toEqual(['ExecutionSucceeded', 'TaskStateExited']);
    expect(page.nextToken).toEqual(expect.any(String));

    const listed = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED' }),
    );
    expect(listed.executions?.map((e) => e.executionArn)).toContain(executionArn);
  });

  it('stops a running execution: ABORTED, and its token is refused', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{}' }),
    );
    await expect.poll(() => runner.openTaskCount).toBe(1);
    await sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Stopped', cause: 'by the test' }),
    );
    await expect
      .poll(async () => (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status)
      .toBe('ABORTED');
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.events?.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Stopped', cause: 'by the test' },
    });
    expect(runner.openTaskCount).toBe(0);
  });

  it('answers errors in AWS shape', async () => {
    const missing = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:nope`;
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: missing })),
    ).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}x` })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{not json' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(
      sfn.send(
        new StartExecutionCommand({ stateMachineArn, name: 'by-hand', input: '{"other":1}' }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'has space' })),
    ).rejects.toMatchObject({
      name: 'InvalidName',
    });
  });

  it('answers malformed requests as the service does: Serialization, Validation, UnknownOperation', async () => {
    const raw = async (operation: string, body: string) => {
      const response = await fetch(runner.endpointUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': `AWSStepFunctions.${operation}`,
        },
        body,
      });
      return {
        status: response.status,
        ...((await response.json()) as { __type: string; message: string }),
      };
    };
    expect(await raw('StartExecution', '{"stateMachineArn": ')).toMatchObject({
      status: 400,
      __type: 'com.amazon.coral.service#SerializationException',
    });
    expect(
      await raw('ListExecutions', JSON.stringify({ stateMachineArn, maxResults: 'ten' })),
    ).toMatchObject({
      status: 400,
      __type: 'com.amazon.coral.service#SerializationException',
    });
    expect(
      await raw('SendTaskSuccess', JSON.stringify({ taskToken: 5, output: '{}' })),
    ).toMatchObject({
      __type: 'com.amazon.coral.service#SerializationException',
    });
    expect(await raw('StartExecution', '{}')).toEqual({
      status: 400,
      __type: 'com.amazonaws.sfn#ValidationException',
      message:
        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
    });
    expect(await raw('SendTaskSuccess', '{}')).toMatchObject({
      message: expect.stringMatching(
        /^2 validation errors detected: Value null at 'taskToken'.*; Value null at 'output'/,
      ),
    });
    // Every operation of the API is implemented: a name outside it is unknown.
    expect(await raw('CreateMapRun', JSON.stringify({ mapRunArn: 'a' }))).toMatchObject({
      status: 400,
      __type: 'com.amazon.coral.service#UnknownOperationException',
    });
  });

  it('checks ARNs, names, filters, page tokens and sizes as AWS does', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: any command of the client
    const reject = (command: any, name: string) =>
      expect(sfn.send(command)).rejects.toMatchObject({ name });
    await reject(new DescribeExecutionCommand({ executionArn: stateMachineArn }), 'InvalidArn');
    await reject(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' }), 'InvalidArn');
    await reject(
      new StartExecutionCommand({ stateMachineArn, name: 'n'.repeat(81) }),
      'ValidationException',
    );
    await reject(
      new StartExecutionCommand({
        stateMachineArn,
        input: JSON.stringify({ big: 'x'.repeat(262_144) }),
      }),
      'ValidationException',
    );
    await reject(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'DONE' as never }),
      'ValidationException',
    );
    await reject(
      new ListExecutionsCommand({ stateMachineArn, nextToken: 'garbage' }),
      'InvalidToken',
    );
    await reject(
      new ListExecutionsCommand({ stateMachineArn, maxResults: 1001 }),
      'ValidationException',
    );

    // Idempotent while running with the same input.
    const first = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'twice', input: '{"a":1}' }),
    );
    const second = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'twice', input: '{"a":1}' }),
    );
    expect(second).toMatchObject({ executionArn: first.executionArn, startDate: first.startDate });
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    await expect
      .poll(
        async () =>
          (await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn })))
            .status,
      )
      .toBe('ABORTED');
    // Closed: the name is taken whatever the input.
    await reject(
      new StartExecutionCommand({ stateMachineArn, name: 'twice', input: '{"a":1}' }),
      'ExecutionAlreadyExists',
    );

    // Executions newest first, page by page with stable tokens.
    const page1 = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1 }));
    expect(page1.executions?.[0]?.name).toBe('twice');
    const page2 = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, maxResults: 1, nextToken: page1.nextToken }),
    );
    expect(page2.executions).toHaveLength(1);
    expect(page2.executions?.[0]?.executionArn).not.toBe(first.executionArn);
  });
});
