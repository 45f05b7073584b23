import type { StateMachineSpec } from '../assembly/model.js';
import type { ExecutionDescription } from '../model/execution.js';

/**
 * What the execution operations of the endpoint need from whoever runs the executions (the
 * runner): the HTTP side depends on this interface, not on the runner.
 */
export interface ExecutionHost {
  /** The state machines the endpoint answers for. */
  readonly model: { readonly stateMachines: readonly StateMachineSpec[] };
  /** A state machine of the app or created through the API, by ARN. */
  findStateMachine(arn: string): StateMachineSpec | undefined;
  /**
   * Starts an execution (StartExecution), of a test case of the mock configuration file
   * when `testCase` is given.
   */
  startExecution(
    input: unknown,
    options: {
      readonly stateMachine?: string;
      readonly name?: string;
      readonly testCase?: string;
      /** The input's text as the client sent it. */
      readonly inputText?: string;
    },
  ): ExecutionDescription;
  /** An execution the host still knows. */
  describeExecution(executionArn: string): ExecutionDescription | undefined;
  /** Executions the host knows (of one state machine, of one status, when given), oldest first. */
  executions(filter?: { stateMachineArn?: string; status?: string }): ExecutionDescription[];
  /** The child executions of a Map Run, oldest first; undefined when there is no such run. */
  mapRunExecutions?(mapRunArn: string): ExecutionDescription[] | undefined;
  /** StopExecution; false when it is not running. */
  stopExecution(executionArn: string, details?: { error?: string; cause?: string }): boolean;
}
