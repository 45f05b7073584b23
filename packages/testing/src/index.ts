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
export { CoverageCollector } from './machine-coverage/coverage-collector.js';
export {
  type CoverageData,
  coverageForDefinition,
  type MachineHits,
  mergeCoverage,
  readCoverageFile,
} from './machine-coverage/coverage-data.js';
export { CoverageError, type CoverageErrorCode } from './machine-coverage/coverage-error.js';
export {
  type CoverageItem,
  type CoverageKind,
  coverageItems,
} from './machine-coverage/coverage-items.js';
export {
  type CoverageOptions,
  type IstanbulReporter,
  type ResolvedCoverageOptions,
  resolveCoverageOptions,
} from './machine-coverage/coverage-options.js';
export {
  type CoverageTotal,
  type CoverageTotals,
  type CoveredItem,
  type MachineCoverage,
  summarize as summarizeCoverage,
} from './machine-coverage/coverage-summary.js';
export { definitionHash } from './machine-coverage/definition-hash.js';
export { finishCoverageRun } from './machine-coverage/finish-coverage-run.js';
export {
  COVERAGE_JSON,
  ensureWritableDirectory,
  type WrittenCoverage,
  writeCoverageReports,
} from './machine-coverage/write-reports.js';
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
export type { ObservedExecution, TraceObserver, TraceStep } from './trace/trace-step.js';
