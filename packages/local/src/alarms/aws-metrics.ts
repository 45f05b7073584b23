import type { MetricDatum } from './metric-store.js';

/**
 * The metrics AWS publishes that a local run can know, with AWS's namespaces, names and
 * dimensions. Pure functions of plain values: the runner adapter calls them.
 */

/** An execution's status, as the runner reports it. */
export type ExecutionStatusName = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

const ENDED_METRIC: Readonly<Record<Exclude<ExecutionStatusName, 'RUNNING'>, string>> = {
  SUCCEEDED: 'ExecutionsSucceeded',
  FAILED: 'ExecutionsFailed',
  TIMED_OUT: 'ExecutionsTimedOut',
  ABORTED: 'ExecutionsAborted',
};

/** AWS/States `ExecutionsStarted` (per `StateMachineArn`). */
export function executionStarted(stateMachineArn: string, timestamp: number): MetricDatum[] {
  return [states('ExecutionsStarted', stateMachineArn, timestamp, 1, 'Count')];
}

/**
 * AWS/States at an execution's end: `ExecutionsSucceeded`, `ExecutionsFailed`,
 * `ExecutionsTimedOut` or `ExecutionsAborted` (1), and `ExecutionTime` (milliseconds).
 * Like AWS, nothing is published for what did not happen (no zeros): `ExecutionThrottled`
 * never, as nothing is throttled locally.
 */
export function executionEnded(
  stateMachineArn: string,
  status: ExecutionStatusName,
  startedAt: number,
  endedAt: number,
): MetricDatum[] {
  if (status === 'RUNNING') return [];
  return [
    states(ENDED_METRIC[status], stateMachineArn, endedAt, 1, 'Count'),
    states('ExecutionTime', stateMachineArn, endedAt, endedAt - startedAt, 'Milliseconds'),
  ];
}

/**
 * AWS/Lambda per `FunctionName` for one invocation: `Invocations` 1, `Errors` 1 or 0 (a
 * function error or a timeout), `Duration` (milliseconds). `Throttles` is never published:
 * invocations wait for a free environment locally instead.
 */
export function invocation(
  functionName: string,
  ok: boolean,
  durationMs: number,
  timestamp: number,
): MetricDatum[] {
  const dimensions = { FunctionName: functionName };
  const datum = (metricName: string, value: number, unit: string): MetricDatum => ({
    namespace: 'AWS/Lambda',
    metricName,
    dimensions,
    timestamp,
    values: [value],
    unit,
  });
  return [
    datum('Invocations', 1, 'Count'),
    datum('Errors', ok ? 0 : 1, 'Count'),
    datum('Duration', durationMs, 'Milliseconds'),
  ];
}

/**
 * AWS/SQS per `QueueName`, sampled: `ApproximateNumberOfMessagesVisible`,
 * `ApproximateNumberOfMessagesNotVisible`, `ApproximateNumberOfMessagesDelayed` and
 * `ApproximateAgeOfOldestMessage` (seconds; 0 for an empty queue; locally the oldest
 * *visible* message, where SQS counts in-flight ones too).
 */
export function queueSample(
  queueName: string,
  counts: { visible: number; inFlight: number; delayed: number },
  oldestSentTimestamp: number | undefined,
  timestamp: number,
): MetricDatum[] {
  const dimensions = { QueueName: queueName };
  const datum = (metricName: string, value: number, unit: string): MetricDatum => ({
    namespace: 'AWS/SQS',
    metricName,
    dimensions,
    timestamp,
    values: [value],
    unit,
  });
  const age =
    oldestSentTimestamp === undefined
      ? 0
      : Math.max(0, Math.floor((timestamp - oldestSentTimestamp) / 1000));
  return [
    datum('ApproximateNumberOfMessagesVisible', counts.visible, 'Count'),
    datum('ApproximateNumberOfMessagesNotVisible', counts.inFlight, 'Count'),
    datum('ApproximateNumberOfMessagesDelayed', counts.delayed, 'Count'),
    datum('ApproximateAgeOfOldestMessage', age, 'Seconds'),
  ];
}

function states(
  metricName: string,
  stateMachineArn: string,
  timestamp: number,
  value: number,
  unit: string,
): MetricDatum {
  return {
    namespace: 'AWS/States',
    metricName,
    dimensions: { StateMachineArn: stateMachineArn },
    timestamp,
    values: [value],
    unit,
  };
}
