import type { StateMachineSpec } from '../assembly/app-model.js';
import type { ExecutionDescription } from '../model/execution.js';
import type { CreatedStateMachines } from '../store/created-state-machines.js';
import type { StoredRevision, StoredTag } from '../store/local-store.js';
import type { VersionHost } from './version-host.js';

/**
 * What the state machine operations of the endpoint need from whoever runs the state
 * machines (the runner): the HTTP side depends on this interface, not on the runner.
 */
export interface StateMachineHost {
  /** The app's state machines (they cannot be updated nor deleted through the API). */
  readonly model: { readonly stateMachines: readonly StateMachineSpec[] };
  /** The state machines created through the API. */
  readonly created: CreatedStateMachines;
  /** Whether a test case of the mock configuration file mocks that state of that state machine. */
  isMocked(stateMachineName: string, stateName: string): boolean;
  /** Forgets the compiled form of a state machine (it was updated or deleted). */
  invalidate(stateMachineArn: string): void;
  /** An execution the host still knows. */
  describeExecution(executionArn: string): ExecutionDescription | undefined;
  /** The revision of a created state machine that an execution ran, when it ran one. */
  executionRevision(executionArn: string): StoredRevision | undefined;
  /** Sets tags of a state machine (CreateStateMachine's `tags`). */
  putTags(arn: string, tags: readonly StoredTag[]): void;
  /** Versions and aliases (`publish: true` on create and update; DescribeStateMachine of a version). */
  readonly versions: VersionHost;
}
