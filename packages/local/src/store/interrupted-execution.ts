import type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';

/**
 * The event that ends the history of an execution a stopped `serve` left running: AWS's
 * `ExecutionAborted` (the event StopExecution records), chained to the last event the
 * execution recorded, with the cause saying why. So the history ends with a terminal event
 * as every ended execution's does, and matches the ABORTED status DescribeExecution shows.
 */
export function interruptedExecutionEvent(
  lastEventId: number,
  cause: string,
  timestamp: Date,
): HistoryEvent {
  return {
    id: lastEventId + 1,
    previousEventId: lastEventId,
    timestamp,
    type: 'ExecutionAborted',
    executionAbortedEventDetails: { cause },
  };
}
