import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';

/**
 * A history event as the engine records it: the Step Functions API's `HistoryEvent`
 * (GetExecutionHistory), with the members AWS always sends made required.
 */
export type RecordedHistoryEvent = HistoryEvent & {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: HistoryEventType;
};
