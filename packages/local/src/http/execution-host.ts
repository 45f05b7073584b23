import type { StateMachineSpec } from '../assembly/model.js';
import type { ExecutionDescription } from '../runner/local-execution.js';

/**
 * What the execution operations of the endpoint need from whoever runs the executions (the
 * runner): the HTTP side depends on this interface, not on the runner.
 */
export interface ExecutionHost {
  /** The state machines the endpoint answers for. */
  readonly model: { readonly stateMachines: readonly StateMachineSpec[] };
  /** Starts an execution (StartExecution). */
  startExecution(
    input: unknown,
    options: { readonly stateMachine?: string; readonly name?: string },
  ): ExecutionDescription;
  /** An execution the host still knows. */
  describeExecution(executionArn: string): ExecutionDescription | undefined;
  /** Executions the host knows, oldest first. */
  executions(): ExecutionDescription[];
  /** StopExecution; false when it is not running. */
  stopExecution(executionArn: string, details?: { error?: string; cause?: string }): boolean;
}
