/**
 * Typed errors of @sfn-callback/middy-sqs. Every one extends {@link SqsCallbackError}: a
 * stable `code` to switch on and a literal `name` (written out: a bundler's minifier
 * renames classes, and a workflow's Catch matches on names), the convention of
 * `@sfn-callback/task-token`'s errors too. None of their messages or properties holds a
 * task token or a message body.
 */

/** Base class of every error this package throws. */
export abstract class SqsCallbackError extends Error {
  /** Stable identifier of the error kind. */
  abstract readonly code: string;
}

const RETRYABLE = Symbol.for('@sfn-callback/middy-sqs.retryable');

/**
 * Throw this (or any error passed through {@link retryable}) from your function when the
 * work may succeed if tried again later, e.g. a downstream service is unavailable. No
 * call is made to Step Functions; the record is reported as a batch item failure, so SQS
 * delivers it again after its visibility timeout (and to the dead-letter queue after
 * `maxReceiveCount`).
 *
 * Any other error fails the task (`SendTaskFailure`), and the workflow decides what to do
 * (its `Retry` and `Catch`).
 *
 * @example
 * ```ts
 * if (response.status === 503) throw new RetryableError('inventory service unavailable');
 * ```
 */
export class RetryableError extends SqsCallbackError {
  override readonly name = 'RetryableError';
  readonly code = 'Retryable';
  /** Always `true`. */
  readonly retryable = true;
}

/**
 * Marks an existing error (e.g. one from an SDK you call) as retryable and returns it, so
 * `throw retryable(error)` lets SQS redeliver the record instead of failing the task. Only
 * objects can be marked; any other value is wrapped in a {@link RetryableError}.
 */
export function retryable<T>(error: T): T extends object ? T : RetryableError {
  if (typeof error === 'object' && error !== null) {
    Object.defineProperty(error, RETRYABLE, { value: true, enumerable: false });
    return error as T extends object ? T : RetryableError;
  }
  return new RetryableError(String(error)) as T extends object ? T : RetryableError;
}

/** Whether `value` is a {@link RetryableError} or was marked with {@link retryable}. */
export function isRetryableError(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return value instanceof RetryableError || (value as Record<symbol, unknown>)[RETRYABLE] === true;
}

/**
 * The event given to the handler is not an SQS event (no `Records` array, or a record
 * whose `eventSource` is not `aws:sqs`). Thrown before any record is processed, and not
 * turned into a partial batch response: the invocation fails with this error, so a wrong
 * trigger shows up at once instead of as "every record failed".
 */
export class InvalidSqsEventError extends SqsCallbackError {
  override readonly name = 'InvalidSqsEventError';
  readonly code = 'InvalidSqsEvent';
}

/**
 * The handler of a middy chain using {@link sqsCallbackMiddleware} did not return one
 * settled result per record. A programming error: it fails the invocation instead of
 * being answered as "every record failed".
 */
export class InvalidHandlerResponseError extends SqsCallbackError {
  override readonly name = 'InvalidHandlerResponseError';
  readonly code = 'InvalidHandlerResponse';
}

/** Why a record was reported as a batch item failure. */
export type RecordNotProcessedReason =
  /** The function threw a {@link RetryableError} or a {@link retryable}-marked error. */
  | 'retryable-error'
  /** A Send* call was throttled or did not get through after the SDK's retries. */
  | 'task-response-transient'
  /** Step Functions refused a Send* call for good (InvalidToken, KMS access). */
  | 'task-response-rejected'
  /** The body has no usable task token (not JSON, no token field, token malformed). */
  | 'invalid-message'
  /** The record was not started: the Lambda invocation is nearly out of time. */
  | 'time-running-out'
  /** The function was still running when the invocation ran nearly out of time. */
  | 'interrupted-by-time'
  /** FIFO: an earlier record of the same message group was not processed. */
  | 'fifo-group-blocked'
  /** Anything else that went wrong in the wrapper itself. */
  | 'unexpected';

/**
 * The reason of a rejected record in the settled results: the record was not completed
 * and is reported as a batch item failure, so SQS delivers it again (and to the
 * dead-letter queue after `maxReceiveCount`). The cause, when there is one, is the
 * original error.
 */
export class RecordNotProcessedError extends SqsCallbackError {
  override readonly name = 'RecordNotProcessedError';
  readonly code = 'RecordNotProcessed';

  constructor(
    /** Why the record was not processed. */
    readonly reason: RecordNotProcessedReason,
    /** SQS message id of the record. */
    readonly messageId: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The reason of the record's `AbortSignal` when the Lambda invocation has less time left
 * than the configured margin. Work should stop: the record will be redelivered.
 */
export class TimeRunningOutError extends SqsCallbackError {
  override readonly name = 'TimeRunningOutError';
  readonly code = 'TimeRunningOut';

  constructor(
    /** Milliseconds the invocation had left when the signal fired. */
    readonly remainingTimeMs: number,
  ) {
    super(
      `The Lambda invocation has ${remainingTimeMs} ms left, below the safety margin: ` +
        'stop the work; the record will be delivered again.',
    );
  }
}
