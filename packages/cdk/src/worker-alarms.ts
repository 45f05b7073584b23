/** The alarms on what a {@link CallbackWorker} owns: its queues, its function, the wrapper's metrics. */

import {
  OUTCOME_METRIC_NAMES,
  OUTCOME_METRICS_NAMESPACE,
  OUTCOME_METRICS_SERVICE_DIMENSION,
} from '@sfn-callback/task-token/contract';
import type { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  ALARM_DEFAULTS,
  DURATION_TIMEOUT_FRACTION,
  QUEUE_AGE_HEARTBEAT_FRACTION,
} from './alarm-defaults.js';
import type { OutcomeMetricsLocation, WorkerAlarmOptions } from './alarm-options.js';
import { type AlarmActions, createAlarm, defaultMetric } from './create-alarm.js';

/** The worker's alarms; each is absent when dropped (`false`) or not possible (see each). */
export interface WorkerAlarms {
  /** Messages in the dead-letter queue; absent when the DLQ is not known. */
  readonly deadLetterQueueDepth?: cloudwatch.Alarm;
  /** Age of the oldest message on the work queue. */
  readonly queueAge?: cloudwatch.Alarm;
  /** Worker invocation errors. */
  readonly workerErrors?: cloudwatch.Alarm;
  /** Worker throttles. */
  readonly workerThrottles?: cloudwatch.Alarm;
  /** Longest invocation near the timeout; absent when the timeout is unknown and no threshold is given. */
  readonly workerDuration?: cloudwatch.Alarm;
  /** The wrapper's poison messages. */
  readonly poisonMessages?: cloudwatch.Alarm;
  /** The wrapper's already-closed answers, as a percentage of the records answered. */
  readonly alreadyClosedRate?: cloudwatch.Alarm;
}

/** What the worker's alarms watch. */
export interface WorkerAlarmTargets {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue?: sqs.IQueue;
  readonly lambdaFunction: lambda.IFunction;
  /** The function timeout, when known. */
  readonly functionTimeout?: Duration;
  /** `HeartbeatSeconds` of the callback task that sends to the queue. */
  readonly heartbeat: Duration;
}

/** The dimensions of the wrapper's outcome metrics for this worker. */
export function outcomeDimensions(
  fn: lambda.IFunction,
  location: OutcomeMetricsLocation = {},
): Record<string, string> {
  return {
    [OUTCOME_METRICS_SERVICE_DIMENSION]: location.service ?? fn.functionName,
    ...location.dimensions,
  };
}

/** Creates the worker's alarms under `scope`. */
export function createWorkerAlarms(
  scope: Construct,
  targets: WorkerAlarmTargets,
  options: WorkerAlarmOptions,
  location: OutcomeMetricsLocation | undefined,
  alarmActions: AlarmActions,
): WorkerAlarms {
  const { queue, deadLetterQueue, lambdaFunction: fn } = targets;
  const queueDims = (q: sqs.IQueue) => ({ QueueName: q.queueName });
  const fnDims = { FunctionName: fn.functionName };
  const outcomeDims = outcomeDimensions(fn, location);
  const namespace = location?.namespace ?? OUTCOME_METRICS_NAMESPACE;
  const make = (
    key: keyof WorkerAlarmOptions,
    id: string,
    metric: (period: Duration | undefined) => cloudwatch.IMetric,
    description: string,
    derived?: number,
  ) =>
    createAlarm(
      scope,
      id,
      ALARM_DEFAULTS[key],
      options[key],
      metric,
      derived,
      description,
      alarmActions,
    );

  const outcome = (name: string, period: Duration | undefined) =>
    new cloudwatch.Metric({
      namespace,
      metricName: name,
      dimensionsMap: outcomeDims,
      statistic: 'Sum',
      ...(period !== undefined ? { period } : {}),
    });

  const alarms = {
    ...(deadLetterQueue
      ? {
          deadLetterQueueDepth: make(
            'deadLetterQueueDepth',
            'DeadLetterQueueDepth',
            (period) =>
              defaultMetric(
                ALARM_DEFAULTS.deadLetterQueueDepth,
                queueDims(deadLetterQueue),
                period,
              ),
            'Messages are waiting in the callback worker\u2019s dead-letter queue.',
          ),
        }
      : {}),
    queueAge: make(
      'queueAge',
      'QueueAge',
      (period) => defaultMetric(ALARM_DEFAULTS.queueAge, queueDims(queue), period),
      'The oldest message on the callback queue is close to its task\u2019s heartbeat timeout.',
      Math.floor(targets.heartbeat.toSeconds() * QUEUE_AGE_HEARTBEAT_FRACTION),
    ),
    workerErrors: make(
      'workerErrors',
      'WorkerErrors',
      (period) => defaultMetric(ALARM_DEFAULTS.workerErrors, fnDims, period),
      'The callback worker function had invocation errors.',
    ),
    workerThrottles: make(
      'workerThrottles',
      'WorkerThrottles',
      (period) => defaultMetric(ALARM_DEFAULTS.workerThrottles, fnDims, period),
      'The callback worker function is being throttled.',
    ),
    workerDuration: make(
      'workerDuration',
      'WorkerDuration',
      (period) => defaultMetric(ALARM_DEFAULTS.workerDuration, fnDims, period),
      'A callback worker invocation ran close to its timeout.',
      targets.functionTimeout === undefined
        ? undefined
        : Math.floor(targets.functionTimeout.toMilliseconds() * DURATION_TIMEOUT_FRACTION),
    ),
    poisonMessages: make(
      'poisonMessages',
      'PoisonMessages',
      (period) => outcome(OUTCOME_METRIC_NAMES.poison, period),
      'The callback worker received messages without a usable task token.',
    ),
    alreadyClosedRate: make(
      'alreadyClosedRate',
      'AlreadyClosedRate',
      (period) =>
        new cloudwatch.MathExpression({
          expression: '100 * closed / (succeeded + failed + closed)',
          usingMetrics: {
            closed: outcome(OUTCOME_METRIC_NAMES.alreadyClosed, period),
            succeeded: outcome(OUTCOME_METRIC_NAMES.succeeded, period),
            failed: outcome(OUTCOME_METRIC_NAMES.failed, period),
          },
          label: 'Already-closed answers (%)',
          ...(period !== undefined ? { period } : {}),
        }),
      'Many of the callback worker\u2019s answers found their task already closed.',
    ),
  };
  // Leave out the alarms that were dropped or not possible.
  return Object.fromEntries(
    Object.entries(alarms).filter(([, alarm]) => alarm !== undefined),
  ) as WorkerAlarms;
}
