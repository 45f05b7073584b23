/*
 * What the console's browser code and the server exchange: the Step Functions API's
 * execution and history shapes as the console reads them, and the console-only calls'
 * answers (`/console/api/…` and the live stream). One definition for both sides.
 */
import type { ExecutionStatus } from './execution.js';

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
  readonly status: ExecutionStatus;
  readonly startDate: number;
  readonly stopDate?: number;
  readonly input?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/**
 * The counts the live stream sends. `executions`, `running` and `last*` are of the
 * executions the console lists (as ListExecutions by state machine lists them: not the
 * child executions of Distributed Maps, which the Map Run pages show and `mapRunChildren*`
 * count).
 */
export interface Counts {
  readonly executions: number;
  readonly running: number;
  readonly lastExecutionArn: string | null;
  readonly lastStatus: ExecutionStatus | null;
  /** Child executions of Map Runs, and how many of them run. */
  readonly mapRunChildren: number;
  readonly mapRunChildrenRunning: number;
  readonly pending: number;
  readonly queues: readonly (readonly [number, number])[];
  readonly published: number;
  readonly logLines: number;
}

/** An open task token, as `/console/api/pending` lists it. */
export interface PendingCallback {
  /** The token whole: the page sends it back in SendTask* (and shows it only on "reveal"). */
  readonly token: string;
  /** The token redacted (`AQCLoc…#<hash>`), what the page shows. */
  readonly redactedToken: string;
  readonly executionArn?: string;
  readonly executionName?: string;
  readonly stateMachineArn?: string;
  /** The Task state waiting for the token. */
  readonly stateName?: string;
  /** The task's resource, e.g. `arn:aws:states:::sqs:sendMessage.waitForTaskToken`. */
  readonly resource?: string;
  /** The TaskScheduled parameters (what was sent, e.g. the SQS message), tokens redacted. */
  readonly parameters?: string;
  /** Epoch milliseconds. */
  readonly openedAt: number;
  readonly timeoutAt?: number;
  readonly heartbeatDueAt?: number;
}
