// `@sfn-callback/task-token/contract`: the message envelope and the API limits, constants
// and types only, without the client (no AWS SDK import). The construct side
// (@sfn-callback/cdk) takes these; everything here is also exported by the main entry.
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
