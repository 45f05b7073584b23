import { TaskClosedError, TaskTokenError } from './errors.js';
import type { TaskTokenClient } from './task-token-client.js';

/** Options of {@link withHeartbeat}. */
export interface WithHeartbeatOptions {
  /** The client that sends the heartbeats. */
  readonly client: Pick<TaskTokenClient, 'heartbeat'>;
  /** The task token to keep alive. */
  readonly token: string;
  /**
   * Seconds between the end of one heartbeat and the start of the next. Keep it well below
   * the task's `HeartbeatSeconds`.
   */
  readonly intervalSeconds: number;
  /** Aborts the work's signal too when it fires (e.g. Lambda time running out). */
  readonly signal?: AbortSignal;
  /**
   * Told of a heartbeat that failed for a reason that may pass (throttling, network);
   * the next heartbeat is still sent.
   * @default ignore it
   */
  readonly onTransientError?: (error: TaskTokenError) => void;
}

/**
 * Runs `work` while sending `SendTaskHeartbeat` every `intervalSeconds`, and stops when
 * `work` settles. Heartbeats never overlap: the next is scheduled only after the previous
 * one answered.
 *
 * When a heartbeat finds the task closed (timed out, or completed elsewhere) the signal
 * given to `work` aborts with a {@link TaskClosedError}; when Step Functions refuses the
 * token for good, with that error. `work` should stop early then: its result can no
 * longer be delivered. The result or error of `work` is returned as is.
 *
 * @example
 * ```ts
 * const report = await withHeartbeat((signal) => buildReport(order, { signal }), {
 *   client, token, intervalSeconds: 20,
 * });
 * ```
 */
export async function withHeartbeat<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: WithHeartbeatOptions,
): Promise<T> {
  const { client, token, intervalSeconds, signal } = options;
  if (!(Number.isFinite(intervalSeconds) && intervalSeconds > 0)) {
    throw new RangeError(
      `withHeartbeat: intervalSeconds must be a positive number of seconds, got ${intervalSeconds}.`,
    );
  }
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) forwardAbort();
  // Removed in `finally`; an abort event fires once anyway.
  signal?.addEventListener('abort', forwardAbort);

  let settled = false;
  let timer: NodeJS.Timeout | undefined;

  const beat = async (): Promise<void> => {
    try {
      const result = await client.heartbeat(token);
      if (result.status === 'already-closed') {
        return controller.abort(new TaskClosedError(result.reason));
      }
    } catch (error) {
      // Only a failure that may pass leaves the task worth keeping alive.
      if (!(error instanceof TaskTokenError && error.retryable)) return controller.abort(error);
      options.onTransientError?.(error);
    }
    schedule();
  };
  const schedule = () => {
    if (settled || controller.signal.aborted) return;
    timer = setTimeout(beat, intervalSeconds * 1000);
  };

  schedule();
  try {
    return await work(controller.signal);
  } finally {
    settled = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}
