// The public surface of @sfn-callback/task-token, export by export: anything not listed
// here is internal. Each export is documented where it is defined.
export {
  CALLBACK_MESSAGE_JSONATA,
  CALLBACK_MESSAGE_JSONPATH,
  type CallbackMessage,
  EXECUTION_ARN_FIELD,
  INPUT_FIELD,
  STATE_NAME_FIELD,
  TASK_TOKEN_FIELD,
} from './envelope.js';
export {
  InvalidCallbackMessageError,
  type InvalidCallbackMessageReason,
  InvalidTaskOutputError,
  type InvalidTaskOutputReason,
  InvalidTaskTokenError,
  type InvalidTaskTokenReason,
  TaskClosedError,
  type TaskClosedReason,
  TaskResponseRejectedError,
  TaskResponseTransientError,
  TaskTokenError,
} from './errors.js';
export {
  TASK_FAILURE_CAUSE_MAX_LENGTH,
  TASK_FAILURE_ERROR_MAX_LENGTH,
  TASK_OUTPUT_MAX_BYTES,
  TASK_TIMEOUT_MAX_SECONDS,
  TASK_TOKEN_MAX_LENGTH,
} from './limits.js';
export {
  OUTCOME_METRIC_NAMES,
  OUTCOME_METRICS_NAMESPACE,
  OUTCOME_METRICS_SERVICE_DIMENSION,
  type OutcomeMetric,
} from './outcome-metrics.js';
export {
  type AttributeCallbackMessage,
  type AttributeCallbackMessageOptions,
  parseAttributeCallbackMessage,
} from './parse-attribute-callback-message.js';
export {
  type CallbackCorrelation,
  type CallbackMessageFields,
  type CallbackMessageParseResult,
  parseCallbackMessage,
} from './parse-callback-message.js';
export { redactToken, scrubToken } from './redact-token.js';
export { serializeTaskOutput } from './serialize-output.js';
export {
  type TaskFailure,
  type ToTaskFailureOptions,
  toTaskFailure,
  truncateText,
} from './task-failure.js';
export {
  type TaskResponseResult,
  TaskTokenClient,
  type TaskTokenClientOptions,
} from './task-token-client.js';
export { type InputValidationResult, validateCallbackInput } from './validate-input.js';
export { assertTaskToken } from './validate-token.js';
export { type WithHeartbeatOptions, withHeartbeat } from './with-heartbeat.js';
