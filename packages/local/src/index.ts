export type {
  AppModel,
  EventSourceMappingSpec,
  FunctionSpec,
  QueueSpec,
  StateMachineSpec,
  TopicSpec,
} from './assembly/model.js';
export {
  openCloudAssembly,
  type ReadAppModelOptions,
  readAppModel,
} from './assembly/read-app-model.js';
export {
  type IntrinsicContext,
  type ResolvedResource,
  resolveIntrinsics,
} from './assembly/resolve-intrinsics.js';
export { CONSOLE_PATH, ConsoleRoute, type ConsoleRouteOptions } from './console/console-route.js';
export type { ConsoleSource } from './console/console-source.js';
export { FunctionLog, type FunctionLogLine } from './console/function-log.js';
export { type PendingCallback, pendingCallbacks } from './console/pending-callbacks.js';
export {
  type Access,
  isLoopbackHost,
  type Refusal,
  RequestGuard,
  SECRET_HEADER,
} from './console/request-guard.js';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './console/security-headers.js';
export { DEFAULT_REGION, LOCAL_ACCOUNT_ID, MAX_TIMER_SECONDS } from './constants.js';
export { type EngineRun, LocalEngine, type TaskHandler } from './engine/local-engine.js';
export {
  type PreparedDefinition,
  prepareDefinition,
  type TaskStateInfo,
} from './engine/prepare-definition.js';
export { parseTaskResource, type TaskResource } from './engine/task-resource.js';
export { AssemblyError, UnsupportedFeatureError } from './errors.js';
export { type BatchReport, SqsPoller, type SqsPollerOptions } from './event-sources/sqs-poller.js';
export {
  type InvokeResult,
  LocalFunction,
  type LocalFunctionOptions,
} from './functions/local-function.js';
export { ExecutionHistory } from './history/execution-history.js';
export type * from './history/types.js';
export { SfnApiError } from './http/api-error.js';
export { executionOperations } from './http/execution-operations.js';
export type { HttpRoute } from './http/http-route.js';
export type { SfnOperation, SfnOperations } from './http/operation.js';
export { type ListenOptions, SfnApiServer } from './http/sfn-api-server.js';
export { type CallbackCounters, taskCallbackOperations } from './http/task-callback-operations.js';
export {
  LocalQueue,
  QueueError,
  type QueueMessage,
  type SendMessageInput,
  type SendMessageOutput,
} from './queues/local-queue.js';
export {
  type ExecutionDescription,
  type ExecutionEnvironment,
  type ExecutionStatus,
  LocalExecution,
} from './runner/local-execution.js';
export {
  type ConsoleOptions,
  LocalRunner,
  type LocalRunnerOptions,
  type StartExecutionOptions,
} from './runner/local-runner.js';
export {
  type OpenTaskOptions,
  type PendingTask,
  type TaskOutcome,
  type TokenRefusal,
  TokenRegistry,
} from './tokens/token-registry.js';
export { LocalTopic, type PublishInput, type TopicMessage } from './topics/local-topic.js';
