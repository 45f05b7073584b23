import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchReport, LocalRunner } from '../../src/index.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';

describe('short timeouts: the task timeout and a poison message', () => {
  let runner: LocalRunner;
  const batches: BatchReport[] = [];

  beforeAll(async () => {
    const assembly = await synthFixture({
      visibilityTimeoutSeconds: 1,
      maxReceiveCount: 2,
      timeoutSeconds: 1,
      heartbeatSeconds: null,
      functionTimeoutSeconds: 1,
    });
    runner = await LocalRunner.start({ assembly, onBatch: (report) => batches.push(report) });
  });

  afterAll(async () => {
    await runner?.close();
    removeFixtures();
  });

  it('TimeoutSeconds: a task with no answer fails with States.Timeout, caught, and a late answer gets TaskTimedOut', async () => {
    const started = Date.now();
    const execution = await runner.runExecution({ mode: 'silent' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(execution.status).toBe('FAILED');
    const scheduled = execution.events.find(
      (e) => e.type === 'TaskScheduled',
    )?.taskScheduledEventDetails;
    expect(scheduled?.timeoutInSeconds).toBe(1);
    expect(scheduled?.heartbeatInSeconds).toBeUndefined();
    const timedOut = execution.events.find((e) => e.type === 'TaskTimedOut');
    expect(timedOut?.taskTimedOutEventDetails).toMatchObject({
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      error: 'States.Timeout',
    });
    const caught = JSON.parse(
      execution.events.find((e) => e.stateEnteredEventDetails?.name === 'Notify Failure')
        ?.stateEnteredEventDetails?.input ?? '{}',
    );
    expect(caught.error.Error).toBe('States.Timeout');
    expect(runner.openTaskCount).toBe(0);

    const token = JSON.parse(scheduled?.parameters ?? '{}').MessageBody.TaskToken;
    const late = await fetch(runner.endpointUrl, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSStepFunctions.SendTaskSuccess',
        'Content-Type': 'application/x-amz-json-1.0',
      },
      body: JSON.stringify({ taskToken: token, output: '{}' }),
    });
    expect(late.status).toBe(400);
    expect(((await late.json()) as { __type: string }).__type).toBe(
      'com.amazonaws.sfn#TaskTimedOut',
    );
  });

  it('the function timeout: a handler running past it fails with Sandbox.Timedout in a fresh environment next time', async () => {
    const worker = runner.function('Worker11F36D0F');
    const coldStarts = worker.stats.coldStarts;
    const execution = await runner.runExecution({ mode: 'hang' });
    expect(execution.status).toBe('FAILED');
    await expect
      .poll(
        () =>
          batches.filter((b) => !b.result.ok && b.result.errorType === 'Sandbox.Timedout').length,
        // Generous: the deadline is the function's 1 s timeout, but a loaded CI machine
        // delays the worker thread's start and its timer.
        { timeout: 20_000 },
      )
      .toBeGreaterThanOrEqual(1);
    const timedOut = batches.find((b) => !b.result.ok);
    expect(timedOut?.result).toMatchObject({
      errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds/),
    });
    // The hung message comes back after the visibility timeout, times out again, then goes to the DLQ.
    await expect
      .poll(() => runner.queue('WorkerDlq2A1C0A5B').visibleCount, { timeout: 25_000 })
      .toBe(1);
    runner.queue('WorkerDlq2A1C0A5B').receive(10);
    expect((await runner.runExecution({ after: 'hang' })).status).toBe('SUCCEEDED');
    expect(worker.stats.coldStarts).toBeGreaterThan(coldStarts);
  });

  it('a poison message is retried through the visibility timeout, then redriven to the DLQ after maxReceiveCount', async () => {
    const queue = runner.queue('WorkerQueueE3D427EB');
    const dlq = runner.queue('WorkerDlq2A1C0A5B');
    expect(queue.spec.redrivePolicy).toEqual({
      deadLetterTargetArn: dlq.spec.arn,
      maxReceiveCount: 2,
    });

    const sent = queue.send({ MessageBody: 'this is not JSON' });
    await expect.poll(() => dlq.visibleCount, { timeout: 20_000, interval: 100 }).toBe(1);

    expect(dlq.peek()[0]).toMatchObject({ messageId: sent.MessageId, body: 'this is not JSON' });
    expect(queue.visibleCount + queue.inFlightCount).toBe(0);
    // Delivered twice (maxReceiveCount), each time reported as a batch item failure.
    expect(batches.filter((b) => b.result.ok && b.failed === 1)).toHaveLength(2);

    // Meanwhile the callback pattern still works.
    expect((await runner.runExecution({ ok: true })).status).toBe('SUCCEEDED');
  });
});
