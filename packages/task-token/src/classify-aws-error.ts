import {
  TaskClosedError,
  type TaskClosedReason,
  TaskResponseRejectedError,
  TaskResponseTransientError,
} from './errors.js';
import { scrubToken } from './redact-token.js';

const CLOSED: ReadonlySet<string> = new Set<TaskClosedReason>(['TaskTimedOut', 'TaskDoesNotExist']);

const REJECTED: ReadonlySet<string> = new Set([
  'InvalidToken',
  'InvalidOutput',
  'KmsAccessDeniedException',
  'KmsInvalidStateException',
]);

const THROTTLING: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'KmsThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/**
 * Sorts an error from a Send* call (after the SDK's own retries) into: the task is
 * already closed, a permanent refusal, or a transient failure. Closed tasks come back as a
 * {@link TaskClosedError} for the caller to turn into a result; the other two are the
 * errors the client throws. The token is scrubbed from any message.
 */
export function classifyAwsError(
  error: unknown,
  operation: string,
  token: string,
): TaskClosedError | TaskResponseRejectedError | TaskResponseTransientError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = shape.name ?? 'UnknownError';
  if (CLOSED.has(name)) return new TaskClosedError(name as TaskClosedReason);

  const status = shape.$metadata?.httpStatusCode;
  // No HTTP status at all means the request never got an answer: a network failure.
  const transient =
    !REJECTED.has(name) &&
    (THROTTLING.has(name) || shape.$fault === 'server' || status === undefined || status >= 500);
  // A network failure has its name in `code` (e.g. ECONNREFUSED).
  const awsErrorName = transient ? (shape.code ?? name) : name;
  const detail = scrubToken(shape.message ?? String(error), token);
  const details = `(${awsErrorName}${status ? `, HTTP ${status}` : ''}): ${detail}`;
  const options = { cause: error };
  return transient
    ? new TaskResponseTransientError(
        `${operation} failed after the SDK's retries ${details}. Try again later.`,
        awsErrorName,
        options,
      )
    : new TaskResponseRejectedError(
        `${operation} was refused ${details}. Retrying will not help.`,
        awsErrorName,
        options,
      );
}
