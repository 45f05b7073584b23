import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  TaskClosedError,
  TaskResponseRejectedError,
  type TaskResponseResult,
  TaskResponseTransientError,
  withHeartbeat,
} from '../../src/index.js';

const TOKEN = 'AQCEAAAAKgAAAAMAAAAAtoken';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('withHeartbeat', () => {
  it('sends a heartbeat every interval while the work runs, and stops when it settles', async () => {
    const heartbeat = vi.fn(async (): Promise<TaskResponseResult> => ({ status: 'delivered' }));
    const work = deferred<string>();
    const running = withHeartbeat(() => work.promise, {
      client: { heartbeat },
      token: TOKEN,
      intervalSeconds: 10,
    });

    await vi.advanceTimersByTimeAsync(9_999);
    expect(heartbeat).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(heartbeat).toHaveBeenCalledWith(TOKEN);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(heartbeat).toHaveBeenCalledTimes(3);

    work.resolve('done');
    await expect(running).resolves.toBe('done');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(heartbeat).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never overlaps two heartbeats: the next waits for the previous answer', async () => {
    const answers: Array<ReturnType<typeof deferred<TaskResponseResult>>> = [];
    const heartbeat = vi.fn(() => {
      const answer = deferred<TaskResponseResult>();
      answers.push(answer);
      return answer.promise;
    });
    const work = deferred<void>();
    const running = withHeartbeat(() => work.promise, {
      client: { heartbeat },
      token: TOKEN,
      intervalSeconds: 1,
    });

    await vi.advanceTimersByTimeAsync(1_000);
    expect(heartbeat).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000); // the first heartbeat has not answered
    expect(heartbeat).toHaveBeenCalledTimes(1);
    answers[0]?.resolve({ status: 'delivered' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(heartbeat).toHaveBeenCalledTimes(2);
    work.resolve();
    await running;
  });

  it('aborts the work’s signal with TaskClosedError when the task is closed', async () => {
    const heartbeat = vi.fn(
      async (): Promise<TaskResponseResult> => ({
        status: 'already-closed',
        reason: 'TaskTimedOut',
      }),
    );
    const running = withHeartbeat(
      (signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
      { client: { heartbeat }, token: TOKEN, intervalSeconds: 5 },
    );
    const outcome = running.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(TaskClosedError);
    expect(error).toMatchObject({ reason: 'TaskTimedOut' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(heartbeat).toHaveBeenCalledTimes(1);
  });

  it('aborts on a permanent refusal, and keeps going after a transient failure', async () => {
    const transient = new TaskResponseTransientError('throttled', 'ThrottlingException');
    const rejected = new TaskResponseRejectedError('bad token', 'InvalidToken');
    const heartbeat = vi.fn().mockRejectedValueOnce(transient).mockRejectedValueOnce(rejected);
    const onTransientError = vi.fn();
    let seen: unknown;
    const running = withHeartbeat(
      (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            seen = signal.reason;
            resolve();
          });
        }),
      { client: { heartbeat }, token: TOKEN, intervalSeconds: 1, onTransientError },
    );
    await vi.advanceTimersByTimeAsync(2_000);
    await running;
    expect(onTransientError).toHaveBeenCalledWith(transient);
    expect(seen).toBe(rejected);
  });

  it('forwards an outer signal (e.g. Lambda time running out)', async () => {
    const outer = new AbortController();
    const heartbeat = vi.fn(async (): Promise<TaskResponseResult> => ({ status: 'delivered' }));
    let inner: AbortSignal | undefined;
    const running = withHeartbeat(
      async (signal) => {
        inner = signal;
        await new Promise((r) => signal.addEventListener('abort', r));
        return signal.reason;
      },
      { client: { heartbeat }, token: TOKEN, intervalSeconds: 1, signal: outer.signal },
    );
    outer.abort(new Error('time is nearly out'));
    await expect(running).resolves.toMatchObject({ message: 'time is nearly out' });
    expect(inner?.aborted).toBe(true);
  });

  it('refuses a non-positive interval', async () => {
    const heartbeat = vi.fn();
    await expect(
      withHeartbeat(async () => 1, { client: { heartbeat }, token: TOKEN, intervalSeconds: 0 }),
    ).rejects.toThrow(/intervalSeconds must be a positive number of seconds, got 0/);
  });
});
