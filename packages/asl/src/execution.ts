import type { ExecutionResult } from './execution-options.js';
import type { RecordedHistoryEvent } from './history/recorded-event.js';
import type { Json } from './json.js';

/**
 * One running execution of a state machine. Its history grows as it runs; `result`
 * settles once when it ends (it never rejects: a failed execution resolves with status
 * FAILED).
 */
export interface Execution {
  /** Settles when the execution has ended and its last history event is recorded. */
  readonly result: Promise<ExecutionResult>;
  /** The history so far, in AWS's `HistoryEvent` shape (ids from 1, `previousEventId` as AWS chains them). */
  readonly history: readonly RecordedHistoryEvent[];
  /** StopExecution: ends the execution ABORTED; open tasks are cancelled. No-op once ended. */
  stop(error?: string, cause?: string): void;
  /** SendTaskSuccess for a token this execution issued. @throws TaskTokenError */
  sendTaskSuccess(token: string, output: Json): void;
  /** SendTaskFailure for a token this execution issued. @throws TaskTokenError */
  sendTaskFailure(token: string, error?: string, cause?: string): void;
  /** SendTaskHeartbeat for a token this execution issued. @throws TaskTokenError */
  sendTaskHeartbeat(token: string): void;
}
