import type { StateMachineSpec } from '../assembly/app-model.js';
import type { ExecutionDescription, StartedExecution } from '../model/execution.js';
import type { StoredAlias, StoredVersion } from '../store/local-store.js';

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
      /** Runs this version of the state machine (its frozen definition). */
      readonly stateMachineVersionArn?: string;
      /** The alias that chose the version. */
      readonly stateMachineAliasArn?: string;
    },
  ): StartedExecution;
  /** A published version, by ARN. */
  findVersion(versionArn: string): StoredVersion | undefined;
  /** An alias, by ARN. */
  findAlias(aliasArn: string): StoredAlias | undefined;
  /** The injected random source, in [0, 1): which version an alias runs. */
  random(): number;
  /** An execution the host still knows. */
  describeExecution(executionArn: string): ExecutionDescription | undefined;
  /** Executions the host knows (of one state machine, of one status, when given), oldest first. */
  executions(filter?: { stateMachineArn?: string; status?: string }): ExecutionDescription[];
  /** The child executions of a Map Run, oldest first; undefined when there is no such run. */
  mapRunExecutions?(mapRunArn: string): ExecutionDescription[] | undefined;
  /** StopExecution; false when it is not running. */
  stopExecution(executionArn: string, details?: { error?: string; cause?: string }): boolean;
}
