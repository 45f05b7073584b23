import { TaskTokenError } from './errors.js';

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
