/**
 * The outcome metrics contract shared by the handler wrapper (`@sfn-callback/middy-sqs`,
 * which writes them as CloudWatch Embedded Metric Format) and the constructs
 * (`@sfn-callback/cdk`, which alarms on them). Defined here once, like the envelope, so the
 * two cannot drift apart: an alarm on a name the wrapper never writes would stay green
 * forever.
 */

/** Default CloudWatch namespace of the outcome metrics. */
export const OUTCOME_METRICS_NAMESPACE = 'SfnCallback';

/**
 * The dimension every outcome metric carries: the service, by default the Lambda
 * function's name (`AWS_LAMBDA_FUNCTION_NAME`), which the construct knows at synthesis.
 */
export const OUTCOME_METRICS_SERVICE_DIMENSION = 'Service';

/**
 * Metric names, one per outcome of the behaviour table, each a count per invocation
 * (zeros included, so alarms always have datapoints), and the callback latency.
 */
export const OUTCOME_METRIC_NAMES = {
  /** `SendTaskSuccess` delivered. */
  succeeded: 'CallbackSucceeded',
  /** `SendTaskFailure` delivered (the function threw, or the input was unusable). */
  failed: 'CallbackFailed',
  /** Batch item failure to be delivered again: retryable error, throttling, network. */
  retried: 'CallbackRetried',
  /** Step Functions answered `TaskTimedOut` / `TaskDoesNotExist`: duplicate or late. */
  alreadyClosed: 'CallbackAlreadyClosed',
  /** No usable task token: on its way to the dead-letter queue (or dropped). */
  poison: 'PoisonMessages',
  /** Not started, or interrupted, because the invocation's time was nearly out. */
  deferred: 'DeferredByTimeGuard',
  /** `SendTaskHeartbeat` calls that did not get through (the wrapper's heartbeats). */
  heartbeatFailures: 'HeartbeatFailures',
  /** Milliseconds from the message's `SentTimestamp` to the delivered answer. */
  latency: 'CallbackLatency',
} as const;

/** The key of an outcome metric. */
export type OutcomeMetric = keyof typeof OUTCOME_METRIC_NAMES;
