import type { SFNClient, SFNClientConfig } from '@aws-sdk/client-sfn';
import { INPUT_FIELD, TASK_TOKEN_FIELD, type TaskTokenClient } from '@sfn-callback/task-token';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { type CallbackLogger, createJsonLogger } from './logger.js';
import { type MetricsOption, resolveMetrics } from './metrics-options.js';
import type { MetricsSink } from './metrics-sink.js';

/**
 * Where the task token and the input are in an SQS message.
 *
 * - `{ from: 'body' }` (the default): the body is the JSON envelope
 *   `{ "TaskToken": "...", "Input": ... }` that the `@sfn-callback/cdk` construct sends.
 * - `{ from: 'messageAttribute' }`: the token is a string message attribute, and the
 *   whole body (JSON) is the input.
 */
export type TokenLocation =
  | {
      readonly from: 'body';
      /** @default 'TaskToken' */
      readonly tokenField?: string;
      /** @default 'Input' */
      readonly inputField?: string;
    }
  | {
      readonly from: 'messageAttribute';
      /** Name of the string message attribute that holds the token. @default 'TaskToken' */
      readonly attributeName?: string;
    };

/** What to do with a message that has no usable task token. */
export type InvalidMessageAction =
  /** Report it as a batch item failure: it reaches the dead-letter queue after `maxReceiveCount`. */
  | 'batch-item-failure'
  /** Log it at error level and consider it done: SQS deletes it. Nothing reaches the DLQ. */
  | 'drop';

/** Options shared by {@link sqsCallbackHandler} and {@link callbackRecordHandler}. */
export interface SqsCallbackOptions<TSchema extends StandardSchemaV1 | undefined = undefined> {
  /**
   * A Standard Schema (zod, valibot, arktype …) the input is validated with; the input
   * type of your function is inferred from it. A message whose input fails it gets
   * `SendTaskFailure` with error `InvalidCallbackInput` and the schema's issues.
   * @default no validation: the input is passed as parsed
   */
  readonly schema?: TSchema;
  /**
   * Where the token and the input are in a message.
   * @default `{ from: 'body', tokenField: 'TaskToken', inputField: 'Input' }`
   */
  readonly tokenLocation?: TokenLocation;
  /**
   * The task-token client, or an `SFNClient` to build one on. Create it once, outside the
   * handler; the default is created once when the handler is created (module scope).
   * @default `new TaskTokenClient({ clientConfig })`
   */
  readonly client?: TaskTokenClient | SFNClient;
  /**
   * Configuration of the `SFNClient` built when `client` is not given.
   * @default `{}` (region and credentials from the Lambda environment)
   */
  readonly clientConfig?: SFNClientConfig;
  /**
   * How many records of a batch run at the same time. At most 50, the SDK's default
   * socket pool per origin (more would only queue for a socket). Above ~10 the SDK's CPU
   * cost per call dominates.
   * @default 10
   */
  readonly concurrency?: number;
  /**
   * Send `SendTaskHeartbeat` every this many seconds while your function runs. Keep it
   * well below the task's `HeartbeatSeconds`.
   * @default no automatic heartbeats
   */
  readonly heartbeatIntervalSeconds?: number;
  /**
   * Milliseconds of Lambda time kept for answering: a record is not started when less is
   * left, and the signal given to your function aborts when the remaining time drops
   * below it. Such records are reported as batch item failures and delivered again.
   * @default 2000
   */
  readonly remainingTimeMarginMs?: number;
  /**
   * Put an Error's stack trace in the `cause` of `SendTaskFailure`. A stack shows file
   * paths and code structure to whoever reads the execution history.
   * @default false
   */
  readonly includeStack?: boolean;
  /**
   * Decides whether an error your function threw should be retried (batch item failure,
   * no call) rather than fail the task. Checked after {@link RetryableError},
   * {@link retryable} and task-token errors with `retryable: true` (e.g. a throttled call
   * of your own through a `TaskTokenClient`), which are always retried.
   * @default none
   */
  readonly isRetryable?: (error: unknown) => boolean;
  /**
   * What to do with a message that has no usable task token (the body is not JSON, has no
   * token, or the token is malformed). No call to Step Functions is possible for it.
   * @default 'batch-item-failure'
   */
  readonly onInvalidMessage?: InvalidMessageAction;
  /**
   * FIFO ordering: records of one message group run one after the other in batch order,
   * and after a record that is reported as a batch item failure the rest of its group is
   * not run (also reported, so the order is kept on redelivery). Other groups go on.
   * @default `'auto'`: on when the records carry a `MessageGroupId`
   */
  readonly fifo?: 'auto' | boolean;
  /**
   * The logger. The Powertools `Logger` fits as is.
   * @default JSON lines on stdout, level from `AWS_LAMBDA_LOG_LEVEL` / `LOG_LEVEL`, else info
   */
  readonly logger?: CallbackLogger;
  /**
   * The outcome metrics: one CloudWatch Embedded Metric Format document per invocation on
   * stdout (counts of succeeded, failed, retried, already closed, poison, deferred by the
   * time guard and heartbeat failures, and the callback latency), with the execution and
   * state of each record as a property. Pass options (namespace, service, dimensions), a
   * Powertools `Metrics` instance to have it publish them instead, or `false` for none.
   * @default EMF on stdout, namespace 'SfnCallback', dimension Service = the function name
   */
  readonly metrics?: MetricsOption;
}

/** Default of {@link SqsCallbackOptions.concurrency}. */
export const DEFAULT_CONCURRENCY = 10;
/** Largest {@link SqsCallbackOptions.concurrency}: the SDK's default socket pool per origin. */
export const MAX_CONCURRENCY = 50;
/** Default of {@link SqsCallbackOptions.remainingTimeMarginMs}. */
export const DEFAULT_REMAINING_TIME_MARGIN_MS = 2000;

/** Options with their defaults filled in. */
export interface ResolvedOptions {
  readonly schema: StandardSchemaV1 | undefined;
  readonly tokenLocation:
    | Required<Extract<TokenLocation, { from: 'body' }>>
    | Required<Extract<TokenLocation, { from: 'messageAttribute' }>>;
  readonly concurrency: number;
  readonly heartbeatIntervalSeconds: number | undefined;
  readonly remainingTimeMarginMs: number;
  readonly includeStack: boolean;
  readonly isRetryable: ((error: unknown) => boolean) | undefined;
  readonly onInvalidMessage: InvalidMessageAction;
  readonly fifo: 'auto' | boolean;
  readonly logger: CallbackLogger;
  /** Where each invocation's tally goes; `undefined` when metrics are off. */
  readonly metrics: MetricsSink | undefined;
}

/** Fills in defaults and checks the values; throws a `RangeError` or `TypeError` naming the bad option. */
export function resolveOptions(
  options: SqsCallbackOptions<StandardSchemaV1 | undefined> = {},
): ResolvedOptions {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new RangeError(
      `concurrency must be an integer from 1 to ${MAX_CONCURRENCY} (the SDK's socket pool), got ${concurrency}.`,
    );
  }
  const heartbeat = options.heartbeatIntervalSeconds;
  if (heartbeat !== undefined && !(Number.isFinite(heartbeat) && heartbeat > 0)) {
    throw new RangeError(
      `heartbeatIntervalSeconds must be a positive number of seconds, got ${heartbeat}.`,
    );
  }
  const margin = options.remainingTimeMarginMs ?? DEFAULT_REMAINING_TIME_MARGIN_MS;
  if (!(Number.isFinite(margin) && margin >= 0)) {
    throw new RangeError(`remainingTimeMarginMs must be a number ≥ 0, got ${margin}.`);
  }
  const schema = options.schema;
  if (schema !== undefined && typeof schema?.['~standard']?.validate !== 'function') {
    throw new TypeError('schema must be a Standard Schema (an object with "~standard".validate).');
  }
  const location = options.tokenLocation ?? { from: 'body' };
  const tokenLocation =
    location.from === 'messageAttribute'
      ? {
          from: 'messageAttribute' as const,
          attributeName: location.attributeName ?? TASK_TOKEN_FIELD,
        }
      : {
          from: 'body' as const,
          tokenField: location.tokenField ?? TASK_TOKEN_FIELD,
          inputField: location.inputField ?? INPUT_FIELD,
        };
  return {
    schema,
    tokenLocation,
    concurrency,
    heartbeatIntervalSeconds: heartbeat,
    remainingTimeMarginMs: margin,
    includeStack: options.includeStack ?? false,
    isRetryable: options.isRetryable,
    onInvalidMessage: options.onInvalidMessage ?? 'batch-item-failure',
    fifo: options.fifo ?? 'auto',
    logger: options.logger ?? createJsonLogger(),
    metrics: resolveMetrics(options.metrics),
  };
}
