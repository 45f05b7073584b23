import type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';
import type { BusEvent, TopicMessage } from './sent-messages.js';

/** An execution's status, as DescribeExecution names it. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Every {@link ExecutionStatus}. */
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
];

/**
 * An execution's record: what DescribeExecution and ListExecutions answer, what the store
 * keeps in a row, and what a live execution and one read back from the store both have.
 */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  /** JSON text. */
  readonly input: string;
  /** JSON text, when SUCCEEDED. */
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  /** Times RedriveExecution continued it (0 or absent: never). */
  readonly redriveCount?: number;
  /** When RedriveExecution last continued it. */
  readonly redriveDate?: Date;
  /** The Map Run it is a child execution of (a Distributed Map's child). */
  readonly mapRunArn?: string;
  /** The version it ran, when started by a version or an alias ARN. */
  readonly stateMachineVersionArn?: string;
  /** The alias it was started by, when it was. */
  readonly stateMachineAliasArn?: string;
}

/** What the runner knows about an execution: its record, its history and what it sent. */
export interface ExecutionDescription extends ExecutionRecord {
  /** The history so far, in AWS's event shape. */
  readonly events: readonly HistoryEvent[];
  /** SNS messages the execution's states published. */
  readonly notifications: readonly TopicMessage[];
  /** EventBridge events the execution's states put. */
  readonly busEvents?: readonly BusEvent[];
  /** Task tokens issued to the execution (so that output can redact them). */
  readonly taskTokens: readonly string[];
}

/** An execution as it runs: its description so far, its end, and how to stop it. */
export interface StartedExecution extends ExecutionDescription {
  /** Resolves when the execution has ended and its history is complete. */
  readonly done: Promise<ExecutionDescription>;
  /** Stops the execution (StopExecution): its open tasks are closed, their tokens refused. */
  abort(details?: { error?: string; cause?: string }): void;
}
