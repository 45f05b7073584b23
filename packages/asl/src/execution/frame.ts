import type { EventCursor } from '../history/history-recorder.js';
import type { Json } from '../json.js';
import type { VariableScope } from '../variables/variable-scope.js';
import type { RunContext } from './run-context.js';

/**
 * One thread of states: the top level, a Parallel branch or a Map iteration. It has its
 * own chain of history events, its own variable scope, and its own abort signal (a failed
 * sibling or a stopped execution aborts it).
 */
export interface Frame {
  readonly run: RunContext;
  readonly cursor: EventCursor;
  readonly variables: VariableScope;
  readonly signal: AbortSignal;
  /**
   * The type of the state this thread is in, between its Entered and Exited events (a failed
   * Task has not exited): a Map or Parallel that fails records that state's abort.
   */
  readonly active: { type: string | undefined };
  /** `$$.Map.Item` inside a Map iteration. */
  readonly mapItem?: { readonly Index: number; readonly Value: Json };
}
