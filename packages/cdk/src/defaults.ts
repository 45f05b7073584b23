/**
 * The defaults of every construct in this package, in one place, so the README, the
 * constructs and the tests agree.
 */
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * Default `TimeoutSeconds` of the callback task: 15 minutes. Long enough for the worker's
 * default retries (3 receives × 180 s visibility timeout ≈ 9 minutes), short enough that a lost
 * callback fails the execution the same hour rather than after the Standard maximum of a year.
 */
export const DEFAULT_TASK_TIMEOUT = Duration.minutes(15);

/**
 * Default `HeartbeatSeconds` of the callback task: 5 minutes. Above the default visibility
 * timeout (180 s), so a redelivered message still finds its task open even when the worker
 * sends no heartbeat; below the timeout, as Step Functions requires.
 */
export const DEFAULT_HEARTBEAT = Duration.minutes(5);

/** Default timeout of the worker function: 30 seconds. */
export const DEFAULT_FUNCTION_TIMEOUT = Duration.seconds(30);

/** Default memory of the worker function: 512 MB (Lambda CPU grows with memory; SDK init is CPU-bound). */
export const DEFAULT_MEMORY_SIZE_MB = 512;

/** Newest Node.js runtime that aws-cdk-lib offers; the bundle targets it. */
export const DEFAULT_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** esbuild `target` matching {@link DEFAULT_RUNTIME}. */
export const DEFAULT_ESBUILD_TARGET = 'node24';

/** Default architecture of the worker function (Graviton: cheaper per GB-second). */
export const DEFAULT_ARCHITECTURE = lambda.Architecture.ARM_64;

/** The visibility timeout of the queue is at least this many times the function timeout (AWS guidance). */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** Default `maxReceiveCount` of the redrive policy: a message is tried 3 times, then goes to the DLQ. */
export const DEFAULT_MAX_RECEIVE_COUNT = 3;

/** Default batch size of the event source mapping (the SQS maximum without a batching window). */
export const DEFAULT_BATCH_SIZE = 10;

/** How long the dead-letter queue keeps a message: 14 days, the SQS maximum. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/** Default retention of the log groups this package creates. */
export const DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;
