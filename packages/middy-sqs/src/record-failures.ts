import {
  type CallbackMessageParseResult,
  InvalidTaskOutputError,
  TASK_OUTPUT_MAX_BYTES,
  TaskClosedError,
  type TaskClosedReason,
  TaskResponseRejectedError,
  type TaskResponseResult,
  TaskResponseTransientError,
  type TaskTokenClient,
  TaskTokenError,
  toTaskFailure,
} from '@sfn-callback/task-token';
import type { SQSRecord } from 'aws-lambda';
import {
  isRetryableError,
  RecordNotProcessedError,
  type RecordNotProcessedReason,
  TimeRunningOutError,
} from './errors.js';
import { describeError, logAttributes, safeMessage } from './log-attributes.js';
import type { LogAttributes } from './logger.js';
import type { ResolvedOptions } from './options.js';
import type { RecordContext } from './record-context.js';
import type { RecordOutcome } from './record-outcome.js';

/**
 * What each way a record can go other than success comes to: the outcome, the call still
 * owed to Step Functions (SendTaskFailure when the task must fail) and the one log line.
 */
export type RecordFailures = ReturnType<typeof createRecordFailures>;

const DROPPED: RecordOutcome = Object.freeze({ status: 'dropped' });

/**
 * Builds the failure outcomes of the record processor (`process-record.ts`). Called on the
 * first record that needs one, not when the handler is created: a cold start that only sees
 * successes never compiles this code.
 */
export function createRecordFailures(client: TaskTokenClient, options: ResolvedOptions) {
  const { logger, includeStack } = options;

  const notProcessed = (
    record: SQSRecord,
    reason: RecordNotProcessedReason,
    message: string,
    cause?: unknown,
  ): RecordOutcome => ({
    status: 'not-processed',
    error: new RecordNotProcessedError(
      reason,
      record.messageId,
      message,
      cause === undefined ? undefined : { cause },
    ),
  });

  /**
   * A batch item failure: says in one log line what happened and that SQS delivers the
   * record again; the outcome's error says what happened and why (the cause's message,
   * token scrubbed).
   */
  const deliverAgain = (
    record: SQSRecord,
    reason: RecordNotProcessedReason,
    what: string,
    attributes: LogAttributes,
    level: 'warn' | 'error',
    cause?: unknown,
    token?: string,
  ): RecordOutcome => {
    logger[level](`${what}; the record will be delivered again`, attributes);
    return notProcessed(
      record,
      reason,
      cause === undefined ? what : `${what}: ${safeMessage(cause, token)}`,
      cause,
    );
  };

  /**
   * Turns an error thrown by a Send* call into an outcome. The task-token error's message
   * names the call and what Step Functions answered; the log line adds what happens next.
   */
  const fromSendError = (
    record: SQSRecord,
    token: string,
    operation: string,
    error: unknown,
  ): RecordOutcome => {
    const attributes = logAttributes(record, token, error);
    const [reason, what, level, then]: [
      RecordNotProcessedReason,
      string,
      'warn' | 'error',
      string,
    ] =
      error instanceof TaskResponseTransientError
        ? ['task-response-transient', 'did not get through', 'warn', '']
        : error instanceof TaskResponseRejectedError
          ? // A refusal repeats on every delivery: the record ends in the DLQ.
            [
              'task-response-rejected',
              'was refused by Step Functions',
              'error',
              ', then reach the DLQ',
            ]
          : ['unexpected', 'failed unexpectedly', 'error', ''];
    logger[level](`${operation} ${what}; the record will be delivered again${then}`, attributes);
    return notProcessed(
      record,
      reason,
      error instanceof TaskTokenError
        ? error.message
        : `${operation} ${what}: ${safeMessage(error, token)}`,
      error,
    );
  };

  const closed = (
    record: SQSRecord,
    token: string,
    reason: TaskClosedReason,
    attributes: LogAttributes,
    message = 'task already closed (duplicate delivery, timed out, or execution ended); record done',
  ): RecordOutcome => {
    logger.info(message, { ...logAttributes(record, token), ...attributes, reason });
    return { status: 'already-closed', reason };
  };

  const failTask = async (
    record: SQSRecord,
    token: string,
    failure: unknown,
    logMessage: string,
  ): Promise<RecordOutcome> => {
    let result: TaskResponseResult;
    try {
      result = await client.fail(token, failure, { includeStack });
    } catch (error) {
      return fromSendError(record, token, 'SendTaskFailure', error);
    }
    if (result.status === 'already-closed') {
      return closed(record, token, result.reason, { operation: 'SendTaskFailure' });
    }
    logger.warn(logMessage, { ...logAttributes(record, token, failure), outcome: 'failed' });
    return { status: 'failed', error: toTaskFailure(failure).error };
  };

  /**
   * A message whose token was found but not its input gets SendTaskFailure; one without a
   * usable token can only be left to reach the DLQ (or dropped, if so configured).
   */
  const fromInvalidMessage = async (
    record: SQSRecord,
    extracted: CallbackMessageParseResult & { ok: false },
  ): Promise<RecordOutcome> => {
    const { token, error } = extracted;
    if (token !== undefined) {
      return await failTask(
        record,
        token,
        error,
        'the message has a token but no usable input; task failed',
      );
    }
    const attributes = { messageId: record.messageId, error: describeError(error, undefined) };
    if (options.onInvalidMessage === 'drop') {
      logger.error(
        'the message has no usable task token; dropped (onInvalidMessage: drop)',
        attributes,
      );
      return DROPPED;
    }
    logger.error(
      'the message has no usable task token; it will reach the dead-letter queue',
      attributes,
    );
    return notProcessed(record, 'invalid-message', error.message, error);
  };

  /** What an error of SendTaskSuccess comes to: an output Step Functions cannot take fails the task. */
  const fromSucceedError = async (
    record: SQSRecord,
    token: string,
    error: unknown,
  ): Promise<RecordOutcome> =>
    error instanceof InvalidTaskOutputError
      ? await failTask(
          record,
          token,
          error,
          `the output cannot be sent (not JSON or over ${TASK_OUTPUT_MAX_BYTES} bytes); task failed`,
        )
      : fromSendError(record, token, 'SendTaskSuccess', error);

  /** What an error thrown by the function comes to (the context tells why it stopped). */
  const fromFunctionError = async (
    record: SQSRecord,
    token: string,
    context: RecordContext,
    error: unknown,
  ): Promise<RecordOutcome> => {
    const abortReason = context.abortReason;
    if (abortReason instanceof TaskClosedError) {
      return closed(
        record,
        token,
        abortReason.reason,
        { error: describeError(error, token) },
        'task already closed while the function ran; record done',
      );
    }
    if (abortReason instanceof TimeRunningOutError) {
      return deliverAgain(
        record,
        'interrupted-by-time',
        'the function was interrupted: Lambda time nearly out',
        logAttributes(record, token, error),
        'warn',
        error,
        token,
      );
    }
    if (
      isRetryableError(error) ||
      (error instanceof TaskTokenError && error.retryable) ||
      options.isRetryable?.(error) === true
    ) {
      return deliverAgain(
        record,
        'retryable-error',
        'the function threw a retryable error',
        logAttributes(record, token, error),
        'warn',
        error,
        token,
      );
    }
    return await failTask(record, token, error, 'the function threw; task failed');
  };

  return {
    notProcessed,
    /** Lambda time nearly out before the record started. */
    notStarted: (record: SQSRecord) =>
      deliverAgain(
        record,
        'time-running-out',
        'not started: Lambda time nearly out',
        { messageId: record.messageId },
        'warn',
      ),
    fromInvalidMessage,
    /** The input failed the schema: the task fails. */
    inputInvalid: (record: SQSRecord, token: string, error: unknown) =>
      failTask(record, token, error, 'the input does not match the schema; task failed'),
    fromFunctionError,
    fromSucceedError,
    closed,
  };
}
