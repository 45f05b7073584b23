import {
  redactToken,
  TaskClosedError,
  type TaskResponseResult,
  type TaskTokenClient,
} from '@sfn-callback/task-token';
import { describe, expect, it } from 'vitest';
import { TimeRunningOutError } from '../../src/errors.js';
import { RecordContext } from '../../src/record-context.js';
import type { TimeGuard } from '../../src/time-guard.js';
import { makeContext } from '../support/lambda-context.js';
import { makeRecord, makeToken } from '../support/sqs-records.js';

/** A time guard whose signal the test aborts. */
function guard(): TimeGuard & { expire(): void; listeners(): number } {
  const controller = new AbortController();
  let listeners = 0;
  const signal = controller.signal;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<typeof add>) => {
    listeners += 1;
    add(...args);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    listeners -= 1;
    remove(...args);
  }) as typeof signal.removeEventListener;
  return {
    signal,
    canStart: () => !signal.aborted,
    dispose: () => {},
    expire: () => controller.abort(new TimeRunningOutError(1000)),
    listeners: () => listeners,
  };
}

/** A client whose heartbeat answers `result`, counting its calls. */
function client(result: TaskResponseResult): TaskTokenClient & { calls: number } {
  const fake = {
    calls: 0,
    heartbeat: async () => {
      fake.calls += 1;
      return result;
    },
  };
  return fake as unknown as TaskTokenClient & { calls: number };
}

const record = makeRecord('{}');
const token = makeToken();

describe('RecordContext', () => {
  it('gives the record, its message id and the token redacted, never the token', () => {
    const context = new RecordContext(
      record,
      makeContext(),
      token,
      client({ status: 'delivered' }),
      guard(),
    );
    expect(context.record).toBe(record);
    expect(context.messageId).toBe(record.messageId);
    expect(context.redactedToken).toBe(redactToken(token));
    expect(context.redactedToken).not.toContain(token);
  });

  it('subscribes to the time guard only when the signal is read, and unsubscribes on dispose', () => {
    const time = guard();
    const context = new RecordContext(
      record,
      makeContext(),
      token,
      client({ status: 'delivered' }),
      time,
    );
    expect(time.listeners()).toBe(0);
    expect(context.signal.aborted).toBe(false);
    expect(time.listeners()).toBe(1);
    context.dispose();
    expect(time.listeners()).toBe(0);
  });

  it('aborts its signal with the guard’s reason when time runs out', () => {
    const time = guard();
    const context = new RecordContext(
      record,
      makeContext(),
      token,
      client({ status: 'delivered' }),
      time,
    );
    const signal = context.signal;
    time.expire();
    expect(signal.aborted).toBe(true);
    expect(context.abortReason).toBeInstanceOf(TimeRunningOutError);
  });

  it('a heartbeat that finds the task closed aborts the signal with TaskClosedError', async () => {
    const closed = client({ status: 'already-closed', reason: 'TaskTimedOut' });
    const context = new RecordContext(record, makeContext(), token, closed, guard());
    expect(context.abortReason).toBeUndefined();
    await expect(context.heartbeat()).resolves.toEqual({
      status: 'already-closed',
      reason: 'TaskTimedOut',
    });
    expect(closed.calls).toBe(1);
    expect(context.signal.aborted).toBe(true);
    expect(context.abortReason).toEqual(new TaskClosedError('TaskTimedOut'));
  });

  it('a delivered heartbeat leaves the signal alone', async () => {
    const context = new RecordContext(
      record,
      makeContext(),
      token,
      client({ status: 'delivered' }),
      guard(),
    );
    await context.heartbeat();
    expect(context.signal.aborted).toBe(false);
  });

  it('useSignal: the function gets the other signal, and its abort reason is reported', () => {
    const context = new RecordContext(
      record,
      makeContext(),
      token,
      client({ status: 'delivered' }),
      guard(),
    );
    const other = new AbortController();
    context.useSignal(other.signal);
    expect(context.signal).toBe(other.signal);
    other.abort('stop');
    expect(context.abortReason).toBe('stop');
  });
});
