/** The execution was stopped (StopExecution) or timed out: states end without events of their own. */
export class ExecutionStopped extends Error {
  override readonly name = 'ExecutionStopped';
}

/** A sibling iteration or branch failed: the running state records its `…StateAborted` event. */
export class SiblingFailed extends Error {
  override readonly name = 'SiblingFailed';
}
