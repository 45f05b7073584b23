/**
 * A test that cannot run as written: a state machine that cannot be loaded, a mock for a
 * state that does not exist, a Task nobody mocked, a task awaited that never comes. The
 * message says what was wrong and what to do; `code` tells the cases apart.
 */
export class StateMachineTestError extends Error {
  override readonly name = 'StateMachineTestError';
  readonly code: StateMachineTestErrorCode;

  constructor(code: StateMachineTestErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Why a {@link StateMachineTestError} was thrown. */
export type StateMachineTestErrorCode =
  /** The state machine could not be read (file, CDK app, definition). */
  | 'LOAD'
  /** A mock names a state the machine does not have, or a state that is not a Task. */
  | 'UNKNOWN_STATE'
  /** A mock or mock file is malformed, or a mocked result fails the API's response shape. */
  | 'INVALID_MOCK'
  /** A Task ran that no mock answers and that does not wait for the test. */
  | 'UNMOCKED_TASK'
  /** The test waits for something the execution will never do. */
  | 'NEVER_HAPPENS'
  /** The test answers a task that is no longer open. */
  | 'TASK_CLOSED';
