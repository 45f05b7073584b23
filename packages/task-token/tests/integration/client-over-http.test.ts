import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { FakeStepFunctions } from '@sfn-callback/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  TaskClosedError,
  TaskResponseRejectedError,
  TaskResponseTransientError,
  TaskTokenClient,
  withHeartbeat,
} from '../../src/index.js';

const TOKEN = `AQCEAAAAKgAAAAMAAAAAAAAAA${'k'.repeat(300)}`;
let endpoint: FakeStepFunctions;

function sfnClient(options: { maxAttempts?: number; url?: string } = {}): SFNClient {
  return new SFNClient({
    endpoint: options.url ?? endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: options.maxAttempts ?? 3,
  });
}

beforeAll(async () => {
  endpoint = await FakeStepFunctions.start();
});
afterAll(() => endpoint.stop());
beforeEach(() => {
  endpoint.reset();
  endpoint.openTask(TOKEN);
});

describe('TaskTokenClient over HTTP with the real SDK', () => {
  it('sends SendTaskSuccess in the JSON 1.0 protocol', async () => {
    const tasks = new TaskTokenClient<{ approved: boolean }>({ client: sfnClient() });
    await expect(tasks.succeed(TOKEN, { approved: true })).resolves.toEqual({
      status: 'delivered',
    });
    expect(endpoint.requests).toEqual([
      {
        operation: 'SendTaskSuccess',
        contentType: 'application/x-amz-json-1.0',
        body: { taskToken: TOKEN, output: '{"approved":true}' },
      },
    ]);
  });

  it('lets the SDK retry a ThrottlingException, then succeeds', async () => {
    endpoint.answerNext({
      status: 400,
      errorType: 'ThrottlingException',
      message: 'Rate exceeded',
    });
    const tasks = new TaskTokenClient({ client: sfnClient() });
    await expect(tasks.fail(TOKEN, new Error('no'))).resolves.toEqual({ status: 'delivered' });
    expect(endpoint.requests.map((r) => r.operation)).toEqual([
      'SendTaskFailure',
      'SendTaskFailure',
    ]);
  });

  it('retries KmsThrottlingException, which the SDK alone does not', async () => {
    // Control: the bare SDK gives up on the first KmsThrottlingException.
    endpoint.answerNext({
      status: 400,
      errorType: 'KmsThrottlingException',
      message: 'KMS throttled',
    });
    const bare = sfnClient();
    await expect(
      bare.send(new SendTaskSuccessCommand({ taskToken: TOKEN, output: '{}' })),
    ).rejects.toMatchObject({ name: 'KmsThrottlingException' });
    expect(endpoint.requests).toHaveLength(1);

    endpoint.reset();
    endpoint.openTask(TOKEN);
    endpoint.answerNext(
      { status: 400, errorType: 'KmsThrottlingException', message: 'KMS throttled' },
      { status: 400, errorType: 'KmsThrottlingException', message: 'KMS throttled' },
    );
    const tasks = new TaskTokenClient({ client: bare });
    await expect(tasks.succeed(TOKEN, {})).resolves.toEqual({ status: 'delivered' });
    expect(endpoint.requests).toHaveLength(3);
  });

  it('does not change the caller’s client: a bare send afterwards still does not retry KMS throttling', async () => {
    const client = sfnClient();
    await new TaskTokenClient({ client }).heartbeat(TOKEN);
    endpoint.reset();
    endpoint.openTask(TOKEN);
    endpoint.answerNext({
      status: 400,
      errorType: 'KmsThrottlingException',
      message: 'KMS throttled',
    });
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: TOKEN, output: '{}' })),
    ).rejects.toThrow();
    expect(endpoint.requests).toHaveLength(1);
  });

  it('retries KmsThrottlingException with the client it builds itself', async () => {
    endpoint.answerNext({
      status: 400,
      errorType: 'KmsThrottlingException',
      message: 'KMS throttled',
    });
    const tasks = new TaskTokenClient({
      clientConfig: {
        endpoint: endpoint.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      },
    });
    await expect(tasks.heartbeat(TOKEN)).resolves.toEqual({ status: 'delivered' });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('gives up on KMS throttling after maxAttempts with a transient error', async () => {
    const kms = {
      status: 400,
      errorType: 'KmsThrottlingException',
      message: 'KMS throttled',
    } as const;
    endpoint.answerNext(kms, kms);
    const tasks = new TaskTokenClient({ client: sfnClient({ maxAttempts: 2 }) });
    const error = await tasks.succeed(TOKEN, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskResponseTransientError);
    expect(error).toMatchObject({ awsErrorName: 'KmsThrottlingException' });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('reports a duplicate completion (TaskTimedOut) as already closed, without retrying', async () => {
    const tasks = new TaskTokenClient({ client: sfnClient() });
    await expect(tasks.succeed(TOKEN, {})).resolves.toEqual({ status: 'delivered' });
    // The second delivery of the same message: the service answers TaskTimedOut.
    await expect(tasks.succeed(TOKEN, {})).resolves.toEqual({
      status: 'already-closed',
      reason: 'TaskTimedOut',
    });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('throws InvalidToken as a permanent refusal, without retrying', async () => {
    // A token the service never issued.
    const tasks = new TaskTokenClient({ client: sfnClient() });
    await expect(tasks.succeed(`${TOKEN}x`, {})).rejects.toMatchObject({
      constructor: TaskResponseRejectedError,
      awsErrorName: 'InvalidToken',
    });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('retries a 5xx and then reports it as transient', async () => {
    const fault = { status: 500, errorType: 'ServiceUnavailable', message: 'down' } as const;
    endpoint.answerNext(fault, fault, fault);
    const tasks = new TaskTokenClient({ client: sfnClient({ maxAttempts: 3 }) });
    await expect(tasks.heartbeat(TOKEN)).rejects.toMatchObject({ retryable: true });
    expect(endpoint.requests).toHaveLength(3);
  });

  it('reports a refused connection as transient', async () => {
    const closed = await FakeStepFunctions.start();
    const url = closed.url;
    await closed.stop();
    const tasks = new TaskTokenClient({ client: sfnClient({ url, maxAttempts: 1 }) });
    const error = await tasks.heartbeat(TOKEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskResponseTransientError);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('withHeartbeat aborts the work when a heartbeat finds the task closed', async () => {
    endpoint.answerNext(
      { status: 200 },
      { status: 400, errorType: 'TaskTimedOut', message: 'Task Timed Out' },
    );
    const tasks = new TaskTokenClient({ client: sfnClient() });
    const reason = await withHeartbeat(
      (signal) =>
        new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason))),
      { client: tasks, token: TOKEN, intervalSeconds: 0.02 },
    );
    expect(reason).toBeInstanceOf(TaskClosedError);
    expect(endpoint.requests.map((r) => r.operation)).toEqual([
      'SendTaskHeartbeat',
      'SendTaskHeartbeat',
    ]);
  });
});
