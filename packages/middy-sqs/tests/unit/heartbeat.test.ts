import { SendTaskHeartbeatCommand } from '@aws-sdk/client-sfn';
import { TaskClosedError } from '@sfn-callback/task-token';
import { describe, expect, it, vi } from 'vitest';
import { handlerWithTestDefaults } from '../support/handler-with-test-defaults.js';
import { makeContext } from '../support/lambda-context.js';
import { captureLogger } from '../support/log-capture.js';
import { makeCallbackRecord, makeEvent, makeToken } from '../support/sqs-records.js';
import { mockStepFunctions, serviceError } from '../support/step-functions-mock.js';
import { sleep, useFakeTimersInEachTest } from '../support/time.js';

const {
  client: sfn,
  mock: sfnMock,
  successInputs,
  failureInputs,
  heartbeatInputs,
} = mockStepFunctions();
const callbackHandler = handlerWithTestDefaults(sfn);
useFakeTimersInEachTest();

describe('automatic heartbeats', () => {
  it('sends SendTaskHeartbeat every interval while the function runs, and stops after', async () => {
    const token = makeToken();
    const handler = callbackHandler(
      async () => {
        await sleep(35_000);
        return 'done';
      },
      { heartbeatIntervalSeconds: 10 },
    );
    const pending = handler(makeEvent([makeCallbackRecord(token, 1)]), makeContext(300_000));
    await vi.advanceTimersByTimeAsync(36_000);
    expect(await pending).toEqual({ batchItemFailures: [] });
    expect(heartbeatInputs()).toHaveLength(3);
    expect(heartbeatInputs()[0]).toEqual({ taskToken: token });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(heartbeatInputs()).toHaveLength(3);
  });

  it('sends none without heartbeatIntervalSeconds', async () => {
    const handler = callbackHandler(async () => sleep(35_000));
    const pending = handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext(300_000));
    await vi.advanceTimersByTimeAsync(36_000);
    await pending;
    expect(heartbeatInputs()).toHaveLength(0);
  });

  it('aborts the signal when a heartbeat finds the task closed; the record is done, no SendTaskFailure', async () => {
    sfnMock.on(SendTaskHeartbeatCommand).rejects(serviceError('TaskTimedOut'));
    let reason: unknown;
    const record = makeCallbackRecord(makeToken(), 1);
    const handler = callbackHandler(
      async (_input, { signal }) => {
        await new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            reject(new Error('stopped'));
          }),
        );
      },
      { heartbeatIntervalSeconds: 5 },
    );
    const pending = handler(makeEvent([record]), makeContext(300_000));
    await vi.advanceTimersByTimeAsync(5_001);
    expect(await pending).toEqual({ batchItemFailures: [] });
    expect(reason).toBeInstanceOf(TaskClosedError);
    expect(failureInputs()).toHaveLength(0);
    expect(successInputs()).toHaveLength(0);
  });

  it('keeps beating after a throttled heartbeat', async () => {
    sfnMock
      .on(SendTaskHeartbeatCommand)
      .rejectsOnce(serviceError('ThrottlingException'))
      .resolves({});
    const { logger, entries } = captureLogger();
    const handler = callbackHandler(async () => sleep(25_000), {
      logger,
      heartbeatIntervalSeconds: 10,
    });
    const pending = handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext(300_000));
    await vi.advanceTimersByTimeAsync(26_000);
    expect(await pending).toEqual({ batchItemFailures: [] });
    expect(heartbeatInputs()).toHaveLength(2);
    expect(entries().some((entry) => String(entry.message).includes('heartbeat'))).toBe(true);
  });
});

describe('heartbeat() in the context', () => {
  it('sends one heartbeat with the record token', async () => {
    const token = makeToken();
    const handler = callbackHandler(async (_input, { heartbeat }) => {
      const result = await heartbeat();
      return result.status;
    });
    await handler(makeEvent([makeCallbackRecord(token, 1)]), makeContext());
    expect(heartbeatInputs()).toEqual([{ taskToken: token }]);
    expect(successInputs()[0]?.output).toBe('"delivered"');
  });

  it('aborts the signal when the task is closed', async () => {
    sfnMock.on(SendTaskHeartbeatCommand).rejects(serviceError('TaskDoesNotExist'));
    let aborted = false;
    const handler = callbackHandler(async (_input, { heartbeat, signal }) => {
      const result = await heartbeat();
      aborted = signal.aborted;
      if (signal.aborted) throw signal.reason;
      return result;
    });
    const response = await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
    expect(aborted).toBe(true);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(failureInputs()).toHaveLength(0);
  });
});
