import type { TaskResponseResult } from '@sfn-callback/task-token';
import type { Context, SQSRecord } from 'aws-lambda';

/** What your function gets besides the input. */
export interface CallbackContext {
  /** The SQS record being processed (its body holds the token: do not log it). */
  readonly record: SQSRecord;
  /** The Lambda context of the invocation. */
  readonly lambdaContext: Context;
  /** SQS message id of the record. */
  readonly messageId: string;
  /**
   * The task token in a redacted form (prefix and hash), safe to log and to correlate
   * log lines; never the token itself.
   */
  readonly redactedToken: string;
  /**
   * Aborts when the work should stop: the task was found closed (a heartbeat answered
   * `TaskTimedOut`/`TaskDoesNotExist`), or the Lambda invocation is nearly out of time
   * (reason: {@link TimeRunningOutError}; the record is then delivered again). Pass it to
   * `fetch` and SDK calls.
   */
  readonly signal: AbortSignal;
  /**
   * Sends `SendTaskHeartbeat` now. When Step Functions answers that the task is closed,
   * `signal` aborts too. Throws the task-token errors of the call (e.g. on throttling).
   */
  heartbeat(): Promise<TaskResponseResult>;
}

/**
 * The function you write: it gets the task's input (typed by the schema, if given) and a
 * {@link CallbackContext}, and returns the task's output (sent with `SendTaskSuccess`;
 * `undefined` is sent as `{}`). Throwing fails the task (`SendTaskFailure`), unless the
 * error is retryable.
 */
export type CallbackFunction<TInput, TOutput> = (
  input: TInput,
  context: CallbackContext,
) => Promise<TOutput> | TOutput;
