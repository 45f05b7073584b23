export type {
  ExecutionResult,
  ExecutionStatus,
  Json,
  RecordedHistoryEvent,
} from '@sfn-callback/asl';
export { StatesError } from '@sfn-callback/asl';
export { assertExecution } from './assertions/assert.js';
export type { CheckResult, Equals, ExpectedFailure } from './assertions/checks.js';
export {
  type MatcherContext,
  type StateMachineMatchers,
  stateMachineMatchers,
} from './assertions/matchers.js';
export { StateMachineTestError, type StateMachineTestErrorCode } from './errors.js';
export { PendingTask } from './execution/pending-task.js';
export type { Duration, ScopeSelector, TestExecution } from './execution/test-execution.js';
export type { CdkAppSelector } from './load/read-cdk-app.js';
export type { IndexedState } from './load/state-index.js';
export { MockFile } from './mocks/mock-file.js';
export type {
  MockedAttempt,
  MockedError,
  MockedResult,
  MockFunction,
  ResourceMocks,
  StateMock,
  StateMocks,
} from './mocks/state-mock.js';
export { type StartOptions, TestMachine, type TestOptions } from './test-machine.js';
export { observeExecutions } from './trace/observers.js';
export type { AttemptError, ScopeFrame, StateVisit } from './trace/state-visit.js';
export type { TraceObserver, TraceStep } from './trace/trace-step.js';
