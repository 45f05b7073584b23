export {
  defaultBundlingOptions,
  ESM_REQUIRE_BANNER,
  UNUSED_CREDENTIAL_PROVIDERS,
} from './bundling.js';
export { callbackMessageBody } from './callback-message.js';
export {
  CALLBACK_PATTERN_STATE_NAMES,
  CallbackPattern,
  type CallbackPatternProps,
} from './callback-pattern.js';
export { CallbackTask, type CallbackTaskProps } from './callback-task.js';
export { CallbackWorker, type CallbackWorkerProps } from './callback-worker.js';
export * from './defaults.js';
export * from './errors.js';
export {
  ALL_NAG_ACKNOWLEDGEMENTS,
  type NagAcknowledgement,
  PATTERN_ACKNOWLEDGEMENTS,
  WORKER_ACKNOWLEDGEMENTS,
} from './nag-acknowledgements.js';
export { assertStandardStateMachine } from './validation.js';
