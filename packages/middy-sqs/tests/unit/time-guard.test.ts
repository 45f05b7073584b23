import { describe, expect, it, vi } from 'vitest';
import { TimeRunningOutError } from '../../src/index.js';
import { handlerWithTestDefaults } from '../support/handler-with-test-defaults.js';
import { makeContext } from '../support/lambda-context.js';
import { captureLogger } from '../support/log-capture.js';
import { makeCallbackRecord, makeEvent, makeToken } from '../support/sqs-records.js';
import { mockStepFunctions } from '../support/step-functions-mock.js';
import { sleep, useFakeTimersInEachTest } from '../support/time.js';

const { client: sfn, mock: sfnMock, successInputs, failureInputs } = mockStepFunctions();
const callbackHandler = handlerWithTestDefaults(sfn);
useFakeTimersInEachTest();

describe('remaining-time guard', () => {
  it('does not start records when less than the margin is left; reports them for redelivery', async () => {
    const started: number[] = [];
    const records = [0, 1, 2, 3, 4].map((i) => makeCallbackRecord(makeToken(), i));
    const handler = callbackHandler(
      async (input: number) => {
        started.push(input);
        await sleep(600);
        return input;
      },
      { concurrency: 1, remainingTimeMarginMs: 2000 },
    );
    // 3 s left, 2 s margin: records starting at 0 and 600 ms may start, the one at 1200 ms not.
    const pending = handler(makeEvent(records), makeContext(3000));
    await vi.advanceTimersByTimeAsync(5000);
    const response = await pending;
    expect(started).toEqual([0, 1]);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      records.slice(2).map((record) => record.messageId),
    );
    expect(successInputs()).toHaveLength(2);
  });

  it('aborts the signal when the remaining time drops below the margin; an interrupted record is redelivered, not failed', async () => {
    const record = makeCallbackRecord(makeToken(), 1);
    let reason: unknown;
    const handler = callbackHandler(
      async (_input, { signal }) => {
        await new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            reject(signal.reason);
          });
        });
      },
      { remainingTimeMarginMs: 1000 },
    );
    const pending = handler(makeEvent([record]), makeContext(10_000));
    await vi.advanceTimersByTimeAsync(8999);
    expect(reason).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2);
    const response = await pending;
    expect(reason).toBeInstanceOf(TimeRunningOutError);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it('a function that finishes after the signal fired still gets its result sent', async () => {
    const handler = callbackHandler(
      async () => {
        await sleep(1500);
        return 'late but done';
      },
      { remainingTimeMarginMs: 2000 },
    );
    const pending = handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext(3000));
    await vi.advanceTimersByTimeAsync(2000);
    expect(await pending).toEqual({ batchItemFailures: [] });
    expect(successInputs()[0]?.output).toBe('"late but done"');
  });

  it('when no record can start, all are reported and a warning explains the margin', async () => {
    const { logger, entries } = captureLogger();
    const records = [makeCallbackRecord(makeToken(), 1), makeCallbackRecord(makeToken(), 2)];
    const handler = callbackHandler(async () => 1, { logger });
    const response = await handler(makeEvent(records), makeContext(1500));
    expect(response.batchItemFailures).toHaveLength(2);
    expect(entries().some((entry) => String(entry.message).includes('remainingTimeMarginMs'))).toBe(
      true,
    );
  });
});

describe('remaining-time guard with automatic heartbeats', () => {
  it('the heartbeat-wrapped signal aborts too, and the record is redelivered', async () => {
    const record = makeCallbackRecord(makeToken(), 1);
    let reason: unknown;
    const handler = callbackHandler(
      async (_input, { signal }) => {
        await new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            reject(new Error('stopped'));
          });
        });
      },
      { remainingTimeMarginMs: 1000, heartbeatIntervalSeconds: 100 },
    );
    const pending = handler(makeEvent([record]), makeContext(5000));
    await vi.advanceTimersByTimeAsync(4001);
    const response = await pending;
    expect(reason).toBeInstanceOf(TimeRunningOutError);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(failureInputs()).toHaveLength(0);
  });
});
