// The public surface of @sfn-callback/cdk, export by export: anything not listed here is
// internal. Each export is documented where it is defined.
export {
  ALARM_DEFAULTS,
  type AlarmDefault,
  DURATION_TIMEOUT_FRACTION,
  QUEUE_AGE_HEARTBEAT_FRACTION,
} from './alarm-defaults.js';
export type {
  AlarmOption,
  AlarmOverrides,
  AlarmProps,
  OutcomeMetricsLocation,
  PatternAlarmOptions,
  WorkerAlarmOptions,
} from './alarm-options.js';
export { createAlarmTopic } from './alarm-topic.js';
export {
  defaultBundlingOptions,
  ESM_REQUIRE_BANNER,
  UNUSED_CREDENTIAL_PROVIDERS,
} from './bundling.js';
export {
  type CallbackDashboardOptions,
  type CallbackDashboardTargets,
  createCallbackDashboard,
} from './callback-dashboard.js';
export { callbackMessageBody } from './callback-message.js';
export {
  CALLBACK_PATTERN_STATE_NAMES,
  CallbackPattern,
  type CallbackPatternProps,
  type PatternAlarms,
} from './callback-pattern.js';
export {
  CallbackTask,
  type CallbackTaskJsonataProps,
  type CallbackTaskJsonPathProps,
  type CallbackTaskOptions,
  type CallbackTaskProps,
} from './callback-task.js';
export {
  type CallbackEventSourceProps,
  CallbackWorker,
  type CallbackWorkerProps,
} from './callback-worker.js';
export {
  DEAD_LETTER_RETENTION,
  DEFAULT_ARCHITECTURE,
  DEFAULT_BATCH_SIZE,
  DEFAULT_ESBUILD_TARGET,
  DEFAULT_FUNCTION_TIMEOUT,
  DEFAULT_HEARTBEAT,
  DEFAULT_LOG_RETENTION,
  DEFAULT_MAX_RECEIVE_COUNT,
  DEFAULT_MEMORY_SIZE_MB,
  DEFAULT_RUNTIME,
  DEFAULT_TASK_TIMEOUT,
  VISIBILITY_TIMEOUT_FACTOR,
} from './defaults.js';
export {
  CallbackConstructError,
  ConflictingPropsError,
  ExpressStateMachineError,
  FifoQueueError,
  HeartbeatNotBelowTimeoutError,
  InvalidPropError,
  InvalidTaskTimeoutError,
  MissingPropError,
  VisibilityTimeoutTooShortError,
} from './errors.js';
export type { ExecutionAlarms } from './execution-alarms.js';
export {
  ALL_NAG_ACKNOWLEDGEMENTS,
  type NagAcknowledgement,
  PATTERN_ACKNOWLEDGEMENTS,
  WORKER_ACKNOWLEDGEMENTS,
} from './nag-acknowledgements.js';
export { assertStandardStateMachine } from './validation.js';
export type { WorkerAlarms } from './worker-alarms.js';
