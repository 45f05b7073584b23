/**
 * Execution history events in the shape of the Step Functions API's `HistoryEvent`
 * (GetExecutionHistory): `id`, `previousEventId`, `timestamp`, `type` and one
 * `<type>EventDetails` member named after the type.
 */

/** `inputDetails` / `outputDetails` of an event. */
export interface HistoryEventExecutionDataDetails {
  readonly truncated: boolean;
}

export interface ExecutionStartedEventDetails {
  readonly input: string;
  readonly inputDetails: HistoryEventExecutionDataDetails;
  readonly roleArn?: string;
}
export interface ExecutionSucceededEventDetails {
  readonly output: string;
  readonly outputDetails: HistoryEventExecutionDataDetails;
}
export interface ExecutionFailedEventDetails {
  readonly error?: string;
  readonly cause?: string;
}
export interface StateEnteredEventDetails {
  readonly name: string;
  readonly input: string;
  readonly inputDetails: HistoryEventExecutionDataDetails;
}
export interface StateExitedEventDetails {
  readonly name: string;
  readonly output: string;
  readonly outputDetails: HistoryEventExecutionDataDetails;
}
export interface TaskScheduledEventDetails {
  readonly resourceType: string;
  readonly resource: string;
  readonly region: string;
  /** The effective parameters, as JSON text (the task token whole, as AWS shows it). */
  readonly parameters: string;
  readonly timeoutInSeconds?: number;
  readonly heartbeatInSeconds?: number;
}
export interface TaskStartedEventDetails {
  readonly resourceType: string;
  readonly resource: string;
}
export interface TaskSubmittedEventDetails {
  readonly resourceType: string;
  readonly resource: string;
  readonly output: string;
  readonly outputDetails: HistoryEventExecutionDataDetails;
}
export interface TaskSucceededEventDetails {
  readonly resourceType: string;
  readonly resource: string;
  readonly output: string;
  readonly outputDetails: HistoryEventExecutionDataDetails;
}
export interface TaskFailedEventDetails {
  readonly resourceType: string;
  readonly resource: string;
  readonly error?: string;
  readonly cause?: string;
}
export type TaskTimedOutEventDetails = TaskFailedEventDetails;

/** Event types the local runner records, named as AWS names them. */
export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | 'ExecutionTimedOut'
  | 'TaskStateEntered'
  | 'TaskStateExited'
  | 'TaskScheduled'
  | 'TaskStarted'
  | 'TaskSubmitted'
  | 'TaskSucceeded'
  | 'TaskFailed'
  | 'TaskTimedOut'
  | 'PassStateEntered'
  | 'PassStateExited'
  | 'ChoiceStateEntered'
  | 'ChoiceStateExited'
  | 'WaitStateEntered'
  | 'WaitStateExited'
  | 'SucceedStateEntered'
  | 'SucceedStateExited'
  | 'FailStateEntered'
  | 'ParallelStateEntered'
  | 'ParallelStateExited'
  | 'MapStateEntered'
  | 'MapStateExited'
  | 'MapIterationStarted'
  | 'MapIterationSucceeded'
  | 'MapIterationFailed';

/** One event of an execution's history. */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: HistoryEventType;
  readonly executionStartedEventDetails?: ExecutionStartedEventDetails;
  readonly executionSucceededEventDetails?: ExecutionSucceededEventDetails;
  readonly executionFailedEventDetails?: ExecutionFailedEventDetails;
  readonly executionAbortedEventDetails?: ExecutionFailedEventDetails;
  readonly executionTimedOutEventDetails?: ExecutionFailedEventDetails;
  readonly stateEnteredEventDetails?: StateEnteredEventDetails;
  readonly stateExitedEventDetails?: StateExitedEventDetails;
  readonly taskScheduledEventDetails?: TaskScheduledEventDetails;
  readonly taskStartedEventDetails?: TaskStartedEventDetails;
  readonly taskSubmittedEventDetails?: TaskSubmittedEventDetails;
  readonly taskSucceededEventDetails?: TaskSucceededEventDetails;
  readonly taskFailedEventDetails?: TaskFailedEventDetails;
  readonly taskTimedOutEventDetails?: TaskTimedOutEventDetails;
  readonly mapIterationStartedEventDetails?: { readonly name: string; readonly index: number };
  readonly mapIterationSucceededEventDetails?: { readonly name: string; readonly index: number };
  readonly mapIterationFailedEventDetails?: { readonly name: string; readonly index: number };
}

/** An event before it gets its place (`id`, `previousEventId`) in the history. */
export type PendingHistoryEvent = Omit<HistoryEvent, 'id' | 'previousEventId'>;
