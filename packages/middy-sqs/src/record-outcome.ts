import type { TaskClosedReason } from '@sfn-callback/task-token';
import type { RecordNotProcessedError } from './errors.js';

/**
 * What became of one record. `succeeded`, `failed`, `already-closed` and `dropped` are
 * done (SQS deletes the message); `not-processed` is a batch item failure (SQS delivers it
 * again, then to the dead-letter queue).
 */
export type RecordOutcome =
  /** `SendTaskSuccess` was delivered. */
  | { readonly status: 'succeeded' }
  /** `SendTaskFailure` was delivered, with this error name. */
  | { readonly status: 'failed'; readonly error: string }
  /** Step Functions answered that the task is already closed; nothing more to do. */
  | { readonly status: 'already-closed'; readonly reason: TaskClosedReason }
  /** A message without a usable token, dropped because `onInvalidMessage` is `'drop'`. */
  | { readonly status: 'dropped' }
  /** Reported as a batch item failure. */
  | { readonly status: 'not-processed'; readonly error: RecordNotProcessedError };

/** The outcome of every record that succeeded (one frozen object, not one per record). */
export const SUCCEEDED: RecordOutcome = Object.freeze({ status: 'succeeded' });
const SUCCEEDED_RESULT: PromiseSettledResult<RecordOutcome> = Object.freeze({
  status: 'fulfilled',
  value: SUCCEEDED,
});

/**
 * The settled result the `@middy/sqs-partial-batch-failure` middleware expects for a
 * record: `fulfilled` when the record is done, `rejected` (with the
 * {@link RecordNotProcessedError}) when it is a batch item failure.
 */
export function toSettledResult(outcome: RecordOutcome): PromiseSettledResult<RecordOutcome> {
  if (outcome === SUCCEEDED) return SUCCEEDED_RESULT;
  return outcome.status === 'not-processed'
    ? { status: 'rejected', reason: outcome.error }
    : { status: 'fulfilled', value: outcome };
}

/** Whether the outcome leaves the record for SQS to deliver again. */
export function isBatchItemFailure(outcome: RecordOutcome): boolean {
  return outcome.status === 'not-processed';
}
