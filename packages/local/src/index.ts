// The public surface of @sfn-callback/local: the runner, its options and what it shows, the
// alarm checks, and the errors. The engine adapter, queues, functions, token registry and
// HTTP server are internal.

export type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';
export {
  type AlarmEvaluation,
  type AlarmState,
  evaluateAlarm,
} from './alarms/alarm-evaluator.js';
export {
  LocalAlarms,
  type LocalAlarmsOptions,
  type RunnerHooks,
  type RunnerView,
} from './alarms/runner-adapter.js';
export type {
  AlarmMetric,
  AlarmMetricQuery,
  AlarmSpec,
  AppModel,
  EventSourceMappingSpec,
  FunctionSpec,
  QueueSpec,
  StateMachineSpec,
  TopicSpec,
} from './assembly/app-model.js';
export { type ReadAppModelOptions, readAppModel } from './assembly/read-app-model.js';
export {
  CoverageReport,
  CoverageReportError,
  type CoverageReportItem,
  type MachineCoverageReport,
} from './console/coverage-report.js';
export type { LocalExecution } from './engine/local-execution.js';
export type { PendingTask } from './engine/token-registry.js';
export {
  AssemblyError,
  LocalRunnerError,
  UnsupportedFeatureError,
  UnsupportedNodeError,
} from './errors.js';
export type { InvokeResult, LocalFunction } from './functions/local-function.js';
export { alarmOperations } from './http/alarm-operations.js';
export type { SfnOperation, SfnOperations } from './http/operation.js';
export type { LocalEventBus } from './integrations/local-event-bus.js';
export type { LocalTopic } from './integrations/local-topic.js';
export {
  MockConfig,
  type MockedAnswer,
  type MockedResponse,
  type MockTestCase,
} from './mocks/mock-config.js';
export { MockConfigError } from './mocks/mock-config-error.js';
export type {
  ActivityPollRecord,
  ActivityRecord,
  ActivityTaskOrigin,
  ActivityTaskRecord,
  ActivityWork,
} from './model/activity-work.js';
export type {
  ExecutionDescription,
  ExecutionStatus,
  StartedExecution,
} from './model/execution.js';
export type { BusEvent, TopicMessage } from './model/sent-messages.js';
export type { LocalQueue, QueueMessage } from './queues/local-queue.js';
export type { BatchReport } from './queues/sqs-poller.js';
export {
  type ConsoleOptions,
  LocalRunner,
  type LocalRunnerOptions,
  type StartExecutionOptions,
} from './runner/local-runner.js';
export { DataDirLockedError } from './store/data-dir-lock.js';
export type { InFlightKind, InFlightWork } from './time/in-flight-work.js';
export type { LocalTime, TimeMode } from './time/local-time.js';
