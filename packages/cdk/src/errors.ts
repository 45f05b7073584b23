/**
 * Errors thrown at construct time, when a stack is being defined, so that a misconfigured
 * callback pattern fails `cdk synth` instead of failing (or hanging) in production.
 *
 * Every error extends {@link CallbackConstructError}; each class has a stable `code` to
 * switch on and a literal `name` (written out: a bundler's minifier renames classes), so
 * callers can tell them apart without parsing messages. The same convention as the errors
 * of `@sfn-callback/task-token` and `@sfn-callback/middy-sqs`.
 */

/** Base class of every construct-time error of this package. */
export abstract class CallbackConstructError extends Error {
  /** Stable identifier of the error kind. */
  abstract readonly code: string;
}

/**
 * Two mutually exclusive props were both passed, such as `existingQueueObj` and
 * `queueProps` (AWS Solutions Constructs style pairs).
 */
export class ConflictingPropsError extends CallbackConstructError {
  override readonly name = 'ConflictingPropsError';
  readonly code = 'ConflictingProps';

  /**
   * @param construct - path of the construct that received the props.
   * @param first - name of the first prop.
   * @param second - name of the second prop.
   */
  constructor(
    readonly construct: string,
    readonly first: string,
    readonly second: string,
  ) {
    super(
      `${construct}: pass either \`${first}\` or \`${second}\`, not both. ` +
        `\`${first}\` uses a resource you already have; \`${second}\` configures the one this construct creates.`,
    );
  }
}

/** A prop the construct cannot do without is missing. */
export class MissingPropError extends CallbackConstructError {
  override readonly name = 'MissingPropError';
  readonly code = 'MissingProp';
}

/**
 * The state machine is of type EXPRESS. Express workflows do not support the
 * `.waitForTaskToken` integration pattern that the callback task relies on.
 */
export class ExpressStateMachineError extends CallbackConstructError {
  override readonly name = 'ExpressStateMachineError';
  readonly code = 'ExpressStateMachine';

  /** @param construct - path of the construct that saw the EXPRESS state machine. */
  constructor(readonly construct: string) {
    super(
      `${construct}: the callback pattern needs a STANDARD state machine. EXPRESS workflows do not ` +
        'support the `.waitForTaskToken` integration pattern (sqs:sendMessage.waitForTaskToken).',
    );
  }
}

/**
 * `HeartbeatSeconds` is not below `TimeoutSeconds`. Step Functions rejects such a state; a
 * heartbeat equal to or above the timeout could never fire anyway.
 */
export class HeartbeatNotBelowTimeoutError extends CallbackConstructError {
  override readonly name = 'HeartbeatNotBelowTimeoutError';
  readonly code = 'HeartbeatNotBelowTimeout';

  /**
   * @param construct - path of the callback task.
   * @param heartbeatSeconds - the heartbeat asked for.
   * @param timeoutSeconds - the timeout asked for.
   */
  constructor(
    readonly construct: string,
    readonly heartbeatSeconds: number,
    readonly timeoutSeconds: number,
  ) {
    super(
      `${construct}: heartbeat (${heartbeatSeconds} s) must be below the task timeout ` +
        `(${timeoutSeconds} s). Lower \`heartbeat\` or raise \`timeout\`.`,
    );
  }
}

/** A task timeout or heartbeat that Step Functions does not accept (not a whole, positive number of seconds). */
export class InvalidTaskTimeoutError extends CallbackConstructError {
  override readonly name = 'InvalidTaskTimeoutError';
  readonly code = 'InvalidTaskTimeout';
}

/**
 * The queue's visibility timeout is below 6× the function timeout. SQS could then deliver a
 * message again while the first invocation still works on it (AWS guidance for SQS event sources).
 */
export class VisibilityTimeoutTooShortError extends CallbackConstructError {
  override readonly name = 'VisibilityTimeoutTooShortError';
  readonly code = 'VisibilityTimeoutTooShort';

  /**
   * @param construct - path of the worker.
   * @param visibilityTimeoutSeconds - the queue's visibility timeout.
   * @param functionTimeoutSeconds - the function's timeout.
   */
  constructor(
    readonly construct: string,
    readonly visibilityTimeoutSeconds: number,
    readonly functionTimeoutSeconds: number,
  ) {
    super(
      `${construct}: the queue's visibility timeout (${visibilityTimeoutSeconds} s) must be at least ` +
        `6× the function timeout (${functionTimeoutSeconds} s), i.e. at least ${6 * functionTimeoutSeconds} s. ` +
        'Raise `queueProps.visibilityTimeout` (or leave it out: the worker derives it) or lower the function timeout.',
    );
  }
}

/** A FIFO queue is used without what FIFO needs (message group, deduplication, a FIFO dead-letter queue). */
export class FifoQueueError extends CallbackConstructError {
  override readonly name = 'FifoQueueError';
  readonly code = 'FifoQueue';
}

/** A prop value outside the range the AWS service accepts (batch size, maximum concurrency, …). */
export class InvalidPropError extends CallbackConstructError {
  override readonly name = 'InvalidPropError';
  readonly code = 'InvalidProp';
}
