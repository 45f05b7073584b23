import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
} from '@aws-sdk/client-sfn';
import { TaskClosedError } from '@sfn-callback/task-token';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sqsCallbackHandler } from '../../src/index.js';
import {
  captureLogger,
  makeCallbackRecord,
  makeContext,
  makeEvent,
  makeToken,
  offlineSfnClient,
  serviceError,
} from '../helpers.js';

const sfn = offlineSfnClient();
const sfnMock = mockClient(sfn);
const heartbeats = () => sfnMock.commandCalls(SendTaskHeartbeatCommand);

beforeEach(() => {
  vi.useFakeTimers();
  sfnMock.reset();
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  sfnMock.on(SendTaskFailureCommand).resolves({});
  sfnMock.on(SendTaskHeartbeatCommand).resolves({});
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('automatic heartbeats', () => {
  it('sends SendTaskHeartbeat every interval while the function runs, and stops after', async () => {
    const token = makeToken();
    const handler = sqsCallbackHandler(
      async () => {
        await sleep(35_000);
        return 'done';
      },
      { client: sfn, logger: captureLogger().logger, heartbeatIntervalSeconds: 10 },
    );
    const pending = handler(makeEvent([makeCallbackRecord(token, 1)]), makeContext(300_000));
    await vi.advanceTimersByTimeAsync(36_000);
    expect(await pending).toEqual({ batchItemFailures: [] });
    expect(heartbeats()).toHaveLength(3);
    expect(heartbeats()[0]?.args[0].input).toEqual({ taskToken: token });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(heartbeats()).toHaveLength(3);
  });

  it('sends none without heartbeatIntervalSeconds', async () => {
    const handler = sqsCallbackHandler(async () => sleep(35_000), {
      client: sfn,
      logger: captureLogger().logger,
    });
    const pending = handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext(300_000));
    await vi.advanceTimersByTimeAsync(36_000);
    await pending;
    expect(heartbeats()).toHaveLength(0);
  });

  it('aborts the signal when a heartbeat finds the task closed; the record is done, no SendTaskFailure', async () => {
    sfnMock.on(SendTaskHeartbeatCommand).rejects(serviceError('TaskTimedOut'));
    let reason: unknown;
    const record = makeCallbackRecord(makeToken(), 1);
    const handler = sqsCallbackHandler(
      async (_input, { signal }) => {
        await new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            reject(new Error('stopped'));
          }),
        );
      },
      { client: sfn, logger: captureLogger().logger, heartbeatIntervalSeconds: 5 },
    );
    const pending = handler(makeEvent([record]), makeContext(300_000));
    await vi.advanceTimersByTimeAsync(5_001);
    expect(await pending).toEqual({ batchItemFailures: [] });
    expect(reason).toBeInstanceOf(TaskClosedError);
    expect(sfnMock.commandCalls(SendTaskFailureCommand)).toHaveLength(0);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it('keeps beating after a throttled heartbeat', async () => {
    sfnMock
      .on(SendTaskHeartbeatCommand)
      .rejectsOnce(serviceError('ThrottlingException'))
      .resolves({});
    const { logger, entries } = captureLogger();
    const handler = sqsCallbackHandler(async () => sleep(25_000), {
      client: sfn,
      logger,
      heartbeatIntervalSeconds: 10,
    });
    const pending = handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext(300_000));
    await vi.advanceTimersByTimeAsync(26_000);
    expect(await pending).toEqual({ batchItemFailures: [] });
    expect(heartbeats()).toHaveLength(2);
    expect(entries().some((entry) => String(entry.message).includes('heartbeat'))).toBe(true);
  });
});

describe('heartbeat() in the context', () => {
  it('sends one heartbeat with the record token', async () => {
    const token = makeToken();
    const handler = sqsCallbackHandler(
      async (_input, { heartbeat }) => {
        const result = await heartbeat();
        return result.status;
      },
      { client: sfn, logger: captureLogger().logger },
    );
    await handler(makeEvent([makeCallbackRecord(token, 1)]), makeContext());
    expect(heartbeats().map((call) => call.args[0].input)).toEqual([{ taskToken: token }]);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.output).toBe(
      '"delivered"',
    );
  });

  it('aborts the signal when the task is closed', async () => {
    sfnMock.on(SendTaskHeartbeatCommand).rejects(serviceError('TaskDoesNotExist'));
    let aborted = false;
    const handler = sqsCallbackHandler(
      async (_input, { heartbeat, signal }) => {
        const result = await heartbeat();
        aborted = signal.aborted;
        if (signal.aborted) throw signal.reason;
        return result;
      },
      { client: sfn, logger: captureLogger().logger },
    );
    const response = await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
    expect(aborted).toBe(true);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(sfnMock.commandCalls(SendTaskFailureCommand)).toHaveLength(0);
  });
});
