import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExecutionDescription, LocalRunner } from '../../src/index.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';

const QUEUE = 'WorkerQueueE3D427EB';
const DLQ = 'WorkerDlq2A1C0A5B';
const types = (d: ExecutionDescription) => d.events.map((e) => e.type);
const tokenOf = (d: ExecutionDescription): string => {
  const scheduled = d.events.find((e) => e.type === 'TaskScheduled');
  const parameters = JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}');
  return parameters.MessageBody.TaskToken as string;
};

describe('the callback pattern of a synthesized app, run locally', () => {
  let runner: LocalRunner;
  let sfn: SFNClient;
  const logs: string[] = [];
  const batchSizes: number[] = [];

  beforeAll(async () => {
    process.env.SFN_LOCAL_TEST_HOST_VARIABLE = 'must not reach the functions';
    const assembly = await synthFixture();
    runner = await LocalRunner.start({
      assembly,
      onFunctionLog: (_fn, line) => logs.push(line),
      onBatch: (report) => batchSizes.push(report.size),
    });
    sfn = new SFNClient({
      endpoint: runner.endpointUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    sfn?.destroy();
    await runner?.close();
    removeFixtures();
    delete process.env.SFN_LOCAL_TEST_HOST_VARIABLE;
  });

  it('success path: queue → worker bundle → SendTaskSuccess over HTTP → Notify Success', async () => {
    const execution = await runner.runExecution({ order: 42 });

    expect(execution.status).toBe('SUCCEEDED');
    expect(types(execution)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(execution.events.map((e) => e.id)).toEqual(execution.events.map((_, i) => i + 1));
    // AWS chains every event to the one before it, except the first state's Entered: 0.
    expect(execution.events.map((e) => e.previousEventId)).toEqual(
      execution.events.map((e) => (e.id === 2 ? 0 : e.id - 1)),
    );

    const scheduled = execution.events[2]?.taskScheduledEventDetails;
    expect(scheduled).toMatchObject({
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      region: 'us-east-1',
      timeoutInSeconds: 10,
      heartbeatInSeconds: 2,
    });
    const parameters = JSON.parse(scheduled?.parameters ?? '{}');
    expect(parameters.QueueUrl).toBe(runner.queue(QUEUE).spec.url);
    expect(parameters.MessageBody.Input).toEqual({ order: 42 });
    expect(parameters.MessageBody.TaskToken).toEqual(expect.any(String));

    // The worker's output went through the real SDK, from its own environment.
    const workerOutput = JSON.parse(execution.events[5]?.taskSucceededEventDetails?.output ?? '{}');
    expect(workerOutput).toMatchObject({
      processed: { order: 42 },
      region: 'us-east-1',
      tag: 'fixture-worker',
      hostVariable: null,
    });
    expect(workerOutput.remainingTimeMs).toBeGreaterThan(0);
    expect(workerOutput.remainingTimeMs).toBeLessThanOrEqual(5000);

    expect(execution.notifications).toHaveLength(1);
    expect(execution.notifications[0]).toMatchObject({
      topicArn: runner.topic('SuccessTopic495EEDDD').spec.arn,
      message: 'Callback received. Task started by Step Functions succeeded.',
      stateName: 'Notify Success',
    });
    expect(runner.openTaskCount).toBe(0);
  });

  it('failure path: the worker fails → SendTaskFailure → Notify Failure → Fail', async () => {
    const execution = await runner.runExecution({ order: 1, fail: true });

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('CallbackFailed');
    expect(execution.cause).toBe('the worker reported a failure');
    const failed = execution.events.find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toEqual({
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      error: 'WorkerError',
      cause: 'the worker was asked to fail',
    });
    expect(types(execution).slice(-3)).toEqual([
      'TaskStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    expect(execution.notifications.map((n) => n.topicArn)).toEqual([
      runner.topic('FailureTopic74C6EA16').spec.arn,
    ]);
    const notifyInput = JSON.parse(
      execution.events.find((e) => e.stateEnteredEventDetails?.name === 'Notify Failure')
        ?.stateEnteredEventDetails?.input ?? '{}',
    );
    expect(notifyInput.error).toEqual({
      Error: 'WorkerError',
      Cause: 'the worker was asked to fail',
    });
  });

  it('heartbeat timeout: a silent worker times the task out after HeartbeatSeconds, a late answer gets TaskTimedOut', async () => {
    const started = Date.now();
    const execution = await runner.runExecution({ mode: 'silent' });
    const elapsed = Date.now() - started;

    expect(execution.status).toBe('FAILED');
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(9000);
    const timedOut = execution.events.find((e) => e.type === 'TaskTimedOut');
    expect(timedOut?.taskTimedOutEventDetails).toMatchObject({
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      // As AWS records a missed heartbeat (asl-conformance timeouts/test_heartbeat_*).
      error: 'States.Timeout',
    });
    expect(execution.notifications[0]?.stateName).toBe('Notify Failure');

    const token = tokenOf(execution);
    await expect(
      sfn.send(new SendTaskHeartbeatCommand({ taskToken: token })),
    ).rejects.toMatchObject({
      name: 'TaskTimedOut',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('heartbeats keep a task alive past HeartbeatSeconds', async () => {
    const execution = await runner.runExecution({ mode: 'heartbeat' });
    expect(execution.status).toBe('SUCCEEDED');
    const submitted =
      execution.events.find((e) => e.type === 'TaskSubmitted')?.timestamp.getTime() ?? 0;
    const succeeded =
      execution.events.find((e) => e.type === 'TaskSucceeded')?.timestamp.getTime() ?? 0;
    expect(succeeded - submitted).toBeGreaterThan(2000);
    expect(runner.callbacks.byOperation.SendTaskHeartbeat?.ok).toBeGreaterThanOrEqual(6);
  });

  it('duplicate delivery: the second SendTaskSuccess gets TaskTimedOut and nothing breaks', async () => {
    const first = await runner.runExecution({ order: 'dup' });
    expect(first.status).toBe('SUCCEEDED');
    const before = runner.callbacks.byOperation.SendTaskSuccess?.TaskTimedOut ?? 0;

    // SQS delivers at least once: the same message arrives again.
    const scheduled = JSON.parse(first.events[2]?.taskScheduledEventDetails?.parameters ?? '{}');
    runner.queue(QUEUE).send({ MessageBody: JSON.stringify(scheduled.MessageBody) });
    await expect
      .poll(() => runner.callbacks.byOperation.SendTaskSuccess?.TaskTimedOut ?? 0)
      .toBe(before + 1);
    await runner.idle();

    expect(logs.some((line) => line.startsWith('task already closed'))).toBe(true);
    const queue = runner.queue(QUEUE);
    expect(queue.visibleCount + queue.inFlightCount).toBe(0);
    expect(runner.queue(DLQ).visibleCount).toBe(0);
    expect(runner.describeExecution(first.executionArn)?.status).toBe('SUCCEEDED');
    expect((await runner.runExecution({ order: 'after' })).status).toBe('SUCCEEDED');
  });

  it('answers with the service errors: TaskTimedOut for a closed token, InvalidToken, InvalidOutput, validation', async () => {
    const closed = tokenOf(await runner.runExecution({ order: 'closed' }));
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: closed, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskTimedOut',
      message: expect.stringContaining('does not exist anymore'),
    });
    await expect(
      sfn.send(new SendTaskFailureCommand({ taskToken: closed, error: 'E', cause: 'late' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toMatchObject({ name: 'InvalidToken' });
    // A forged token that looks like one of ours is still invalid.
    await expect(
      sfn.send(
        new SendTaskSuccessCommand({ taskToken: `${closed.slice(0, -3)}abc`, output: '{}' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidToken' });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: closed, output: 'not json' })),
    ).rejects.toMatchObject({ name: 'InvalidOutput' });
    await expect(
      sfn.send(new SendTaskFailureCommand({ taskToken: closed, error: 'x'.repeat(257) })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      sfn.send(
        new SendTaskSuccessCommand({
          taskToken: closed,
          output: JSON.stringify('é'.repeat(131_073)),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });

    const unknown = await fetch(runner.endpointUrl, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSStepFunctions.NoSuchThing',
        'Content-Type': 'application/x-amz-json-1.0',
      },
      body: '{}',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(await unknown.json()).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message: 'Unknown operation AWSStepFunctions.NoSuchThing',
    });
  });

  it('gives each function its own environment', () => {
    const worker = runner.function('Worker11F36D0F').environment;
    const other = runner.function('Other34654A52').environment;
    expect(worker.WORKER_TAG).toBe('fixture-worker');
    expect(other.WORKER_TAG).toBe('other-function');
    expect(worker.QUEUE_URL).toBe(runner.queue(QUEUE).spec.url);
    expect(other.QUEUE_URL).toBeUndefined();
    expect(worker.AWS_ENDPOINT_URL_SFN).toBe(runner.endpointUrl);
    expect(worker.AWS_LAMBDA_FUNCTION_NAME).not.toBe(other.AWS_LAMBDA_FUNCTION_NAME);
    expect(worker.SFN_LOCAL_TEST_HOST_VARIABLE).toBeUndefined();
  });

  it('runs many executions concurrently, each completed by its own token', async () => {
    const executions = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        runner.runExecution(i % 5 === 0 ? { i, fail: true } : { i }),
      ),
    );
    executions.forEach((execution, i) => {
      expect(execution.status).toBe(i % 5 === 0 ? 'FAILED' : 'SUCCEEDED');
      if (i % 5 !== 0) {
        const output = JSON.parse(execution.events[5]?.taskSucceededEventDetails?.output ?? '{}');
        expect(output.processed).toEqual({ i });
      }
    });
    expect(runner.openTaskCount).toBe(0);
    // The mapping's BatchSize (10) caps each batch; concurrent messages share batches.
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(10);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
  });
});
