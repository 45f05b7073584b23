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
  createCallbackDashboard,
} from './callback-dashboard.js';
export { callbackMessageBody } from './callback-message.js';
export {
  CALLBACK_PATTERN_STATE_NAMES,
  CallbackPattern,
  type CallbackPatternProps,
  type PatternAlarms,
} from './callback-pattern.js';
export { CallbackTask, type CallbackTaskProps } from './callback-task.js';
export { CallbackWorker, type CallbackWorkerProps } from './callback-worker.js';
export * from './defaults.js';
export * from './errors.js';
export type { ExecutionAlarms } from './execution-alarms.js';
export {
  ALL_NAG_ACKNOWLEDGEMENTS,
  type NagAcknowledgement,
  PATTERN_ACKNOWLEDGEMENTS,
  WORKER_ACKNOWLEDGEMENTS,
} from './nag-acknowledgements.js';
export { assertStandardStateMachine } from './validation.js';
export type { WorkerAlarms } from './worker-alarms.js';
