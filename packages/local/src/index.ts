// The public surface of @sfn-callback/local: the runner, its options and what it shows, the
// alarm checks, and the errors. The engine adapter, queues, functions, token registry and
// HTTP server are internal.

export type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';
export {
  type AlarmEvaluation,
  type AlarmState,
  evaluateAlarm,
} from './alarms/alarm-evaluator.js';
export { LocalAlarms, type LocalAlarmsOptions } from './alarms/runner-adapter.js';
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
} from './assembly/model.js';
export { type ReadAppModelOptions, readAppModel } from './assembly/read-app-model.js';
export { AssemblyError, LocalRunnerError, UnsupportedFeatureError } from './errors.js';
export type { BatchReport } from './event-sources/sqs-poller.js';
export type { InvokeResult, LocalFunction } from './functions/local-function.js';
export { alarmOperations } from './http/alarm-operations.js';
export type { SfnOperation, SfnOperations } from './http/operation.js';
export type { BusEvent, LocalEventBus } from './integrations/local-event-bus.js';
export {
  MockConfig,
  type MockedAnswer,
  type MockedResponse,
  type MockTestCase,
} from './mocks/mock-config.js';
export { MockConfigError } from './mocks/mock-config-error.js';
export type { LocalQueue, QueueMessage } from './queues/local-queue.js';
export type {
  ExecutionDescription,
  ExecutionStatus,
  LocalExecution,
} from './runner/local-execution.js';
export {
  type ConsoleOptions,
  LocalRunner,
  type LocalRunnerOptions,
  type StartExecutionOptions,
} from './runner/local-runner.js';
export type { PendingTask } from './tokens/token-registry.js';
export type { LocalTopic, TopicMessage } from './topics/local-topic.js';
