/**
 * The default of every alarm the constructs create, in one place, so the constructs, the
 * README's alarm table and the tests agree. Each entry says what it watches and why its
 * `treatMissingData` is what it is.
 */

import {
  OUTCOME_METRIC_NAMES,
  OUTCOME_METRICS_NAMESPACE,
  OUTCOME_METRICS_SERVICE_DIMENSION,
} from '@sfn-callback/task-token/contract';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { PatternAlarmOptions } from './alarm-options.js';

/** The default of one alarm. */
export interface AlarmDefault {
  /** CloudWatch namespace of the metric. */
  readonly namespace: string;
  /** Metric name (for a rate: the metric the rate is of). */
  readonly metricName: string;
  /** The dimension the metric is per. */
  readonly dimension: string;
  /** Statistic over each period. */
  readonly statistic: string;
  /** Length of a period. */
  readonly period: Duration;
  /** Threshold; `undefined` when derived (see `thresholdRule`). */
  readonly threshold?: number;
  /** How a derived threshold is computed. */
  readonly thresholdRule?: string;
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: cloudwatch.TreatMissingData;
  /** Why the alarm exists and why its missing data is treated so. */
  readonly why: string;
}

const MINUTE = Duration.minutes(1);
const ANY = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
const ABOVE = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
const NOT_BREACHING = cloudwatch.TreatMissingData.NOT_BREACHING;

/**
 * Step Functions publishes an execution metric only for a period in which such an event
 * happened: no data means none happened, so missing data is not breaching.
 */
const STATES_MISSING =
  'AWS/States publishes the metric only in minutes with such an event: no data means none happened (notBreaching).';

/** Fraction of the callback task's heartbeat above which the oldest message alarms. */
export const QUEUE_AGE_HEARTBEAT_FRACTION = 0.8;

/** Fraction of the function timeout above which the longest invocation alarms. */
export const DURATION_TIMEOUT_FRACTION = 0.9;

/** The defaults, by alarm. */
export const ALARM_DEFAULTS: Readonly<Record<keyof Required<PatternAlarmOptions>, AlarmDefault>> = {
  executionsFailed: {
    namespace: 'AWS/States',
    metricName: 'ExecutionsFailed',
    dimension: 'StateMachineArn',
    statistic: 'Sum',
    period: MINUTE,
    threshold: 1,
    comparisonOperator: ANY,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: NOT_BREACHING,
    why: `An execution failed: the callback task failed, timed out or missed its heartbeat and Notify Failure ran. ${STATES_MISSING}`,
  },
  executionsTimedOut: {
    namespace: 'AWS/States',
    metricName: 'ExecutionsTimedOut',
    dimension: 'StateMachineArn',
    statistic: 'Sum',
    period: MINUTE,
    threshold: 1,
    comparisonOperator: ANY,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: NOT_BREACHING,
    why: `An execution hit the state machine's own TimeoutSeconds (no Catch can handle it). ${STATES_MISSING}`,
  },
  executionsThrottled: {
    namespace: 'AWS/States',
    metricName: 'ExecutionThrottled',
    dimension: 'StateMachineArn',
    statistic: 'Sum',
    period: MINUTE,
    threshold: 1,
    comparisonOperator: ANY,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: NOT_BREACHING,
    why: `State transitions were throttled (metric ExecutionThrottled, singular: the name CDK's metricThrottled() uses). ${STATES_MISSING}`,
  },
  executionsAborted: {
    namespace: 'AWS/States',
    metricName: 'ExecutionsAborted',
    dimension: 'StateMachineArn',
    statistic: 'Sum',
    period: MINUTE,
    threshold: 1,
    comparisonOperator: ANY,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: NOT_BREACHING,
    why: `Someone or something stopped an execution (StopExecution): its task tokens now answer TaskTimedOut. ${STATES_MISSING}`,
  },
  deadLetterQueueDepth: {
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimension: 'QueueName',
    statistic: 'Maximum',
    period: MINUTE,
    threshold: 0,
    comparisonOperator: ABOVE,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: NOT_BREACHING,
    why: 'A message reached the dead-letter queue: poison, or failed maxReceiveCount times; its execution waits for its timeout. SQS keeps publishing for a queue that holds messages; no data means an empty, idle queue (notBreaching).',
  },
  queueAge: {
    namespace: 'AWS/SQS',
    metricName: 'ApproximateAgeOfOldestMessage',
    dimension: 'QueueName',
    statistic: 'Maximum',
    period: MINUTE,
    thresholdRule: `${QUEUE_AGE_HEARTBEAT_FRACTION * 100} % of the callback task's HeartbeatSeconds, in seconds`,
    comparisonOperator: ABOVE,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: NOT_BREACHING,
    why: "The heartbeat counts from the task's start, queue time included: a message that old means its task is about to time out (workers behind, or failing and retrying). No data: an idle queue (notBreaching).",
  },
  workerErrors: {
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimension: 'FunctionName',
    statistic: 'Sum',
    period: MINUTE,
    threshold: 1,
    comparisonOperator: ANY,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: NOT_BREACHING,
    why: 'The wrapper answers failed records with a partial batch response, so an error is an invocation that crashed, timed out or ran out of memory: its whole batch comes back. Lambda publishes only for minutes with invocations (notBreaching).',
  },
  workerThrottles: {
    namespace: 'AWS/Lambda',
    metricName: 'Throttles',
    dimension: 'FunctionName',
    statistic: 'Sum',
    period: MINUTE,
    threshold: 1,
    comparisonOperator: ANY,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    treatMissingData: NOT_BREACHING,
    why: 'The event source mapping retries throttled batches, so a short burst is harmless; throttles in 3 of 5 minutes mean the function is short of concurrency and the queue ages. Published only for minutes with invocations (notBreaching).',
  },
  workerDuration: {
    namespace: 'AWS/Lambda',
    metricName: 'Duration',
    dimension: 'FunctionName',
    statistic: 'Maximum',
    period: MINUTE,
    thresholdRule: `${DURATION_TIMEOUT_FRACTION * 100} % of the function timeout, in milliseconds`,
    comparisonOperator: ABOVE,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: NOT_BREACHING,
    why: 'An invocation close to its timeout is about to be cut off (the time guard defers records, or the batch errors). Published only for minutes with invocations (notBreaching).',
  },
  poisonMessages: {
    namespace: OUTCOME_METRICS_NAMESPACE,
    metricName: OUTCOME_METRIC_NAMES.poison,
    dimension: OUTCOME_METRICS_SERVICE_DIMENSION,
    statistic: 'Sum',
    period: MINUTE,
    threshold: 1,
    comparisonOperator: ANY,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: NOT_BREACHING,
    why: 'A message without a usable task token: no call can complete its task, it goes to the DLQ and its execution waits for its timeout. Seen at its first receive, before the DLQ alarm. The wrapper writes a document per invocation, zeros included: no data means no invocation (notBreaching).',
  },
  alreadyClosedRate: {
    namespace: OUTCOME_METRICS_NAMESPACE,
    metricName: OUTCOME_METRIC_NAMES.alreadyClosed,
    dimension: OUTCOME_METRICS_SERVICE_DIMENSION,
    statistic: 'Sum',
    period: Duration.minutes(5),
    threshold: 5,
    comparisonOperator: ABOVE,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: NOT_BREACHING,
    why: '100 × CallbackAlreadyClosed / (CallbackSucceeded + CallbackFailed + CallbackAlreadyClosed), in percent. At-least-once delivery makes a few duplicates normal; many mean tasks time out before the worker answers. No invocations, no data (notBreaching).',
  },
};
