export type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';
export type {
  AppModel,
  EventSourceMappingSpec,
  FunctionSpec,
  QueueSpec,
  StateMachineSpec,
  TopicSpec,
} from './assembly/model.js';
export { AssemblyError, UnsupportedFeatureError } from './errors.js';
export type { BatchReport } from './event-sources/sqs-poller.js';
export type { InvokeResult, LocalFunction } from './functions/local-function.js';
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
  LocalRunner,
  type LocalRunnerOptions,
  type StartExecutionOptions,
} from './runner/local-runner.js';
export type { LocalTopic, TopicMessage } from './topics/local-topic.js';
