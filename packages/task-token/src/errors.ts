/**
 * Typed errors of @sfn-callback/task-token. Each has a stable `code` to switch on and a
 * `retryable` flag: `true` only when trying the same call again later may succeed
 * (throttling, a 5xx, a network failure), so an SQS consumer knows whether to let the
 * message be redelivered. No message or property of these errors holds a task token.
 */

/** Base class of every error this package throws. */
export abstract class TaskTokenError extends Error {
  /** Stable identifier of the error kind. */
  abstract readonly code: string;
  /** Whether the same call may succeed if tried again later. */
  abstract readonly retryable: boolean;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    // Each subclass also writes its name out, as a literal that survives minification.
    this.name = new.target.name;
  }
}

/** Why a task token was refused before any call. */
export type InvalidTaskTokenReason = 'not-a-string' | 'empty' | 'too-long';

/** The task token is not a string, is empty, or is longer than 2048 characters. */
export class InvalidTaskTokenError extends TaskTokenError {
  // Written out: a minifier renames classes, and the workflow's Catch matches on this name.
  override readonly name = 'InvalidTaskTokenError';
  readonly code = 'InvalidTaskToken';
  readonly retryable = false;

  constructor(
    message: string,
    /** What was wrong with the token. */
    readonly reason: InvalidTaskTokenReason,
  ) {
    super(message);
  }
}

/** Why a task output was refused before any call. */
export type InvalidTaskOutputReason = 'not-serializable' | 'too-large';

/**
 * The output given to `succeed` cannot be sent: it does not serialize to JSON (a BigInt,
 * a cycle, `undefined`, a function) or its JSON is over 262,144 bytes of UTF-8.
 */
export class InvalidTaskOutputError extends TaskTokenError {
  // Written out: a minifier renames classes, and the workflow's Catch matches on this name.
  override readonly name = 'InvalidTaskOutputError';
  readonly code = 'InvalidTaskOutput';
  readonly retryable = false;

  constructor(
    message: string,
    /** What was wrong with the output. */
    readonly reason: InvalidTaskOutputReason,
    /** Size of the serialized output in bytes of UTF-8, when it serialized. */
    readonly byteLength?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Step Functions refused the call for good: `InvalidToken`, `InvalidOutput`,
 * `KmsAccessDeniedException` or `KmsInvalidStateException`. Trying again will not help;
 * an SQS consumer should let such a message go to its dead-letter queue.
 */
export class TaskResponseRejectedError extends TaskTokenError {
  // Written out: a minifier renames classes, and the workflow's Catch matches on this name.
  override readonly name = 'TaskResponseRejectedError';
  readonly code = 'TaskResponseRejected';
  readonly retryable = false;

  constructor(
    message: string,
    /** The error name Step Functions answered, e.g. `InvalidToken`. */
    readonly awsErrorName: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The call did not go through, after the SDK's retries: throttling (including
 * `KmsThrottlingException`), a 5xx answer, or a network failure. Trying again later may
 * succeed; an SQS consumer should report the record as a batch item failure.
 */
export class TaskResponseTransientError extends TaskTokenError {
  // Written out: a minifier renames classes, and the workflow's Catch matches on this name.
  override readonly name = 'TaskResponseTransientError';
  readonly code = 'TaskResponseTransient';
  readonly retryable = true;

  constructor(
    message: string,
    /** The error name the SDK reported, e.g. `ThrottlingException` or `ECONNREFUSED`. */
    readonly awsErrorName: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Why Step Functions considers a task closed. */
export type TaskClosedReason = 'TaskTimedOut' | 'TaskDoesNotExist';

/**
 * The task is already closed: it was completed before (a duplicate delivery), timed out,
 * or its execution ended. Step Functions does not say which. The client methods report
 * this as a result (`{ status: 'already-closed' }`), not as a thrown error; this error is
 * the reason of the `AbortSignal` that {@link withHeartbeat} aborts when a heartbeat
 * finds the task closed.
 */
export class TaskClosedError extends TaskTokenError {
  // Written out: a minifier renames classes, and the workflow's Catch matches on this name.
  override readonly name = 'TaskClosedError';
  readonly code = 'TaskClosed';
  readonly retryable = false;

  constructor(
    /** The error name Step Functions answered. */
    readonly reason: TaskClosedReason,
  ) {
    super(
      `The task is already closed (${reason}): completed before, timed out, or its execution ended; stop the work.`,
    );
  }
}

/** Why an SQS message body is not a usable callback message. */
export type InvalidCallbackMessageReason =
  | 'empty'
  | 'not-json'
  | 'not-an-object'
  | 'token-missing'
  | 'token-invalid'
  | 'input-missing'
  | 'input-invalid';

/**
 * An SQS message is not a usable callback message: its body is empty, not JSON, not a
 * JSON object, has no valid task token, or its input fails the schema. Such a message is
 * poison: retrying it gives the same answer, so it belongs in the dead-letter queue (or,
 * when its token could be read, the task should be failed). The message never holds the
 * token or the body.
 */
export class InvalidCallbackMessageError extends TaskTokenError {
  // Written out: a minifier renames classes, and the workflow's Catch matches on this name.
  override readonly name = 'InvalidCallbackMessageError';
  readonly code = 'InvalidCallbackMessage';
  readonly retryable = false;

  constructor(
    message: string,
    /** What was wrong with the message. */
    readonly reason: InvalidCallbackMessageReason,
    /** The schema's issues, for `input-invalid`. */
    readonly issues: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
