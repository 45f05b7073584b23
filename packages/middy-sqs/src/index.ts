// The public surface of @sfn-callback/middy-sqs, export by export: anything not listed here
// is internal. Each export is documented where it is defined.
export { sqsCallbackMiddleware } from './callback-middleware.js';
export { type CallbackRecordHandler, callbackRecordHandler } from './callback-record-handler.js';
export { MAX_VALUES_PER_METRIC } from './emf-document.js';
export {
  InvalidHandlerResponseError,
  InvalidSqsEventError,
  isRetryableError,
  RecordNotProcessedError,
  type RecordNotProcessedReason,
  RetryableError,
  retryable,
  SqsCallbackError,
  TimeRunningOutError,
} from './errors.js';
export {
  type CallbackLogger,
  createJsonLogger,
  type JsonLoggerOptions,
  type LogAttributes,
  type LogLevel,
  silentLogger,
} from './logger.js';
export type {
  EmfMetricsOptions,
  MetricsOption,
  MetricsPublisher,
  MetricUnitName,
} from './metrics-options.js';
export type { SqsMiddleware, SqsMiddyHandler, SqsMiddyRequest } from './middy-shapes.js';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_REMAINING_TIME_MARGIN_MS,
  type InvalidMessageAction,
  MAX_CONCURRENCY,
  type SqsCallbackOptions,
  type TokenLocation,
} from './options.js';
export { type CountMetricName, MAX_NAMED_RECORDS, type TalliedRecord } from './outcome-tally.js';
export type { RecordOutcome } from './record-outcome.js';
export { type SqsCallbackHandler, sqsCallbackHandler } from './sqs-callback-handler.js';
export { assertSqsEvent } from './sqs-event.js';
export type { CallbackContext, CallbackFunction } from './types.js';
