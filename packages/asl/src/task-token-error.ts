/** Why a SendTask* call was refused, named as the Step Functions API names it. */
export type TaskTokenErrorCode = 'InvalidToken' | 'TaskDoesNotExist' | 'TaskTimedOut';

/**
 * A SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat the execution refused: a token
 * it never issued (`InvalidToken`), or one whose task has ended (`TaskTimedOut`, as AWS
 * answers for a task that timed out, was answered already or whose execution ended).
 */
export class TaskTokenError extends Error {
  override readonly name = 'TaskTokenError';

  constructor(
    readonly code: TaskTokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}
