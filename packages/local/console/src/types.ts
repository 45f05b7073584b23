/** A history event as GetExecutionHistory returns it (timestamps in epoch seconds). */
export interface WireEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** An execution as DescribeExecution returns it. */
export interface WireExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: string;
  readonly startDate: number;
  readonly stopDate?: number;
  readonly input?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** The counts the live stream sends. */
export interface Counts {
  readonly executions: number;
  readonly running: number;
  readonly lastExecutionArn: string | null;
  readonly lastStatus: string | null;
  readonly pending: number;
  readonly queues: readonly (readonly [number, number])[];
  readonly published: number;
  readonly logLines: number;
}

/** An open task token, as `/console/api/pending` lists it. */
export interface PendingCallback {
  readonly token: string;
  readonly redactedToken: string;
  readonly executionArn?: string;
  readonly executionName?: string;
  readonly stateMachineArn?: string;
  readonly stateName?: string;
  readonly resource?: string;
  readonly parameters?: string;
  readonly openedAt: number;
  readonly timeoutAt?: number;
  readonly heartbeatDueAt?: number;
}
