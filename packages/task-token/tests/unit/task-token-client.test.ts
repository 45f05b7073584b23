import {
  InvalidToken,
  KmsAccessDeniedException,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidTaskOutputError,
  InvalidTaskTokenError,
  TaskResponseRejectedError,
  TaskResponseTransientError,
  TaskTokenClient,
} from '../../src/index.js';

const TOKEN = `AQCEAAAAKgAAAAMAAAAA${'t'.repeat(200)}`;
const meta = { $metadata: { httpStatusCode: 400 } };

const sfn = new SFNClient({ region: 'us-east-1', maxAttempts: 1 });
const sfnMock = mockClient(sfn);
const tasks = new TaskTokenClient<{ approved: boolean }>({ client: sfn });

beforeEach(() => sfnMock.reset());

describe('TaskTokenClient', () => {
  it('uses the SFNClient it is given, or builds one', () => {
    expect(tasks.sfn).toBe(sfn);
    expect(new TaskTokenClient({ clientConfig: { region: 'eu-west-1' } }).sfn).toBeInstanceOf(
      SFNClient,
    );
  });

  it('sends the output as JSON text with SendTaskSuccess', async () => {
    sfnMock.on(SendTaskSuccessCommand).resolves({});
    await expect(tasks.succeed(TOKEN, { approved: true })).resolves.toEqual({
      status: 'delivered',
    });
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({
      taskToken: TOKEN,
      output: '{"approved":true}',
    });
  });

  it('sends error and cause with SendTaskFailure', async () => {
    sfnMock.on(SendTaskFailureCommand).resolves({});
    await tasks.fail(TOKEN, new TypeError('bad order'));
    expect(sfnMock.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toEqual({
      taskToken: TOKEN,
      error: 'TypeError',
      cause: 'bad order',
    });
  });

  it('includes the stack when the client is built with includeStack', async () => {
    sfnMock.on(SendTaskFailureCommand).resolves({});
    await new TaskTokenClient({ client: sfn, includeStack: true }).fail(TOKEN, new Error('deep'));
    expect(sfnMock.commandCalls(SendTaskFailureCommand)[0]?.args[0].input.cause).toMatch(/at /);
  });

  it('never sends the token in the error or cause of SendTaskFailure', async () => {
    sfnMock.on(SendTaskFailureCommand).resolves({});
    const quoting = new Error(`could not process {"TaskToken":"${TOKEN}"}`);
    quoting.name = `Failed${TOKEN}`;
    await tasks.fail(TOKEN, quoting);
    const sent = sfnMock.commandCalls(SendTaskFailureCommand)[0]?.args[0].input;
    expect(sent?.taskToken).toBe(TOKEN);
    expect(sent?.cause).not.toContain(TOKEN);
    expect(sent?.cause).toContain('AQCEAA…#');
    expect(sent?.error).not.toContain(TOKEN);
  });

  it('sends SendTaskHeartbeat', async () => {
    sfnMock.on(SendTaskHeartbeatCommand).resolves({});
    await expect(tasks.heartbeat(TOKEN)).resolves.toEqual({ status: 'delivered' });
    expect(sfnMock.commandCalls(SendTaskHeartbeatCommand)).toHaveLength(1);
  });

  it('validates before any call', async () => {
    await expect(tasks.succeed('', { approved: true })).rejects.toBeInstanceOf(
      InvalidTaskTokenError,
    );
    await expect(tasks.fail(undefined as unknown as string, 'x')).rejects.toBeInstanceOf(
      InvalidTaskTokenError,
    );
    await expect(tasks.heartbeat('x'.repeat(2049))).rejects.toBeInstanceOf(InvalidTaskTokenError);
    const big = { approved: true, blob: 'x'.repeat(300_000) };
    await expect(tasks.succeed(TOKEN, big)).rejects.toBeInstanceOf(InvalidTaskOutputError);
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it.each([
    ['TaskTimedOut', new TaskTimedOut({ message: 'Task Timed Out', ...meta })],
    ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'Task does not exist', ...meta })],
  ])('reports %s as an already-closed task, not an error', async (reason, error) => {
    sfnMock.on(SendTaskSuccessCommand).rejects(error);
    await expect(tasks.succeed(TOKEN, { approved: true })).resolves.toEqual({
      status: 'already-closed',
      reason,
    });
  });

  it('throws InvalidToken as a permanent refusal', async () => {
    sfnMock
      .on(SendTaskFailureCommand)
      .rejects(new InvalidToken({ message: 'Invalid token', ...meta }));
    const error = await tasks.fail(TOKEN, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskResponseRejectedError);
    expect(error).toMatchObject({ awsErrorName: 'InvalidToken', retryable: false });
  });

  it('throws KMS access errors as permanent refusals', async () => {
    sfnMock
      .on(SendTaskSuccessCommand)
      .rejects(new KmsAccessDeniedException({ message: 'no access to key', ...meta }));
    await expect(tasks.succeed(TOKEN, { approved: true })).rejects.toMatchObject({
      awsErrorName: 'KmsAccessDeniedException',
      retryable: false,
    });
  });

  it('throws throttling, 5xx and network failures as transient', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    const serverError = Object.assign(new Error('Internal'), {
      name: 'InternalFailure',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
    const network = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      name: 'Error',
      code: 'ECONNREFUSED',
    });
    for (const [error, name] of [
      [throttled, 'ThrottlingException'],
      [serverError, 'InternalFailure'],
      [network, 'ECONNREFUSED'],
    ] as const) {
      sfnMock.reset();
      sfnMock.on(SendTaskHeartbeatCommand).rejects(error);
      const thrown = await tasks.heartbeat(TOKEN).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(TaskResponseTransientError);
      expect(thrown).toMatchObject({ awsErrorName: name, retryable: true });
    }
  });

  it('treats another 4xx as a permanent refusal', async () => {
    const denied = Object.assign(new Error('not authorized'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    sfnMock.on(SendTaskSuccessCommand).rejects(denied);
    await expect(tasks.succeed(TOKEN, { approved: true })).rejects.toMatchObject({
      code: 'TaskResponseRejected',
      awsErrorName: 'AccessDeniedException',
    });
  });

  it('scrubs the token from a service message that echoes it', async () => {
    sfnMock
      .on(SendTaskSuccessCommand)
      .rejects(new InvalidToken({ message: `Invalid token ${TOKEN}`, ...meta }));
    const error = (await tasks
      .succeed(TOKEN, { approved: true })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('AQCEAA…#');
  });
});
