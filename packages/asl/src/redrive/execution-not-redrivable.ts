/** Why an execution cannot be redriven (a host answers RedriveExecution with `ExecutionNotRedrivable`). */
export type NotRedrivableReason = 'NOT_ENDED' | 'SUCCEEDED' | 'HISTORY_LIMIT' | 'TOO_OLD';

/**
 * The execution cannot be redriven: the message is the one to give the caller (AWS's
 * `ExecutionNotRedrivable`, and DescribeExecution's `redriveStatusReason`).
 */
export class ExecutionNotRedrivableError extends Error {
  override readonly name = 'ExecutionNotRedrivableError';

  constructor(
    readonly reason: NotRedrivableReason,
    message: string,
  ) {
    super(message);
  }
}
