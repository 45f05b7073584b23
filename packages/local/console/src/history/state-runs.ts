import type { WireEvent } from '../../../src/model/console-wire.js';

/** How a state fared in an execution, as the graph colours it. */
export type StateStatus =
  | 'in-progress'
  | 'succeeded'
  | 'failed'
  | 'caught'
  | 'cancelled'
  | 'not-run';

/** What one state did in an execution, read from the history. */
export interface StateRun {
  readonly name: string;
  /** The ASL type, from the event names (`TaskStateEntered` → Task). */
  type: string;
  status: StateStatus;
  /** Times it was entered (a Map's inner states: once per item). */
  entries: number;
  /** Retries (a failure followed by a new attempt). */
  retries: number;
  /** Epoch seconds of the first entry and of the last exit. */
  startedAt?: number;
  endedAt?: number;
  /** The input of the last entry and the output of the last exit (JSON text). */
  input?: string;
  output?: string;
  resource?: string;
  error?: string;
  cause?: string;
  /** Every event of the state, its entry and exit included. */
  readonly events: WireEvent[];
  /** Entries not exited yet. */
  open: number;
  /** A failure not followed by a retry yet: an exit now means the error was caught. */
  failing: boolean;
}

const FAILURES = new Set([
  'TaskFailed',
  'TaskTimedOut',
  'TaskStartFailed',
  'TaskSubmitFailed',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'MapStateFailed',
  'ParallelStateFailed',
  'MapIterationFailed',
]);

/** An event's `<type>EventDetails` member (`TaskFailed` → `taskFailedEventDetails`). */
export function eventDetails(event: WireEvent): Record<string, unknown> | undefined {
  const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
  const value = event[key] ?? event.stateEnteredEventDetails ?? event.stateExitedEventDetails;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/**
 * Folds an execution's history (GetExecutionHistory's events, in order) into what each
 * state did: in progress, succeeded, failed, caught (failed, and a Catch took over: the
 * state exited after a failure), cancelled (still running when the execution stopped), or
 * not run (absent). An event belongs to the state its `previousEventId` chain leads to.
 * Incremental: feed it more events as they arrive.
 */
export class StateRuns {
  readonly runs = new Map<string, StateRun>();
  readonly #owner = new Map<number, string>();
  /** Epoch seconds of ExecutionStarted. */
  startedAt: number | undefined;
  /** Events folded so far. */
  count = 0;

  /** Folds `events` (the next ones of the history). */
  add(events: readonly WireEvent[]): void {
    for (const event of events) this.#fold(event);
  }

  /** The state `event` belongs to, if any. */
  ownerOf(eventId: number): string | undefined {
    return this.#owner.get(eventId);
  }

  /** A state's run, or undefined when it has not run. */
  get(name: string): StateRun | undefined {
    return this.runs.get(name);
  }

  #run(name: string, type: string): StateRun {
    let run = this.runs.get(name);
    if (!run) {
      run = {
        name,
        type,
        status: 'not-run',
        entries: 0,
        retries: 0,
        events: [],
        open: 0,
        failing: false,
      };
      this.runs.set(name, run);
    }
    return run;
  }

  #fold(event: WireEvent): void {
    this.count += 1;
    const type = event.type;
    if (type === 'ExecutionStarted') {
      this.startedAt = event.timestamp;
      return;
    }
    if (type === 'ExecutionSucceeded') return;
    if (type === 'ExecutionFailed' || type === 'ExecutionAborted' || type === 'ExecutionTimedOut') {
      for (const run of this.runs.values()) {
        if (run.status !== 'in-progress') continue;
        run.status = run.failing && type === 'ExecutionFailed' ? 'failed' : 'cancelled';
        run.open = 0;
      }
      return;
    }
    if (type.endsWith('StateEntered')) {
      const d = event.stateEnteredEventDetails as { name: string; input?: string } | undefined;
      if (!d) return;
      const run = this.#run(d.name, type.slice(0, -'StateEntered'.length));
      run.entries += 1;
      run.open += 1;
      run.status = 'in-progress';
      run.failing = false;
      run.startedAt ??= event.timestamp;
      if (d.input !== undefined) run.input = d.input;
      run.events.push(event);
      this.#owner.set(event.id, d.name);
      if (run.type === 'Fail') {
        run.status = 'failed';
        run.open = 0;
        run.endedAt = event.timestamp;
      } else if (run.type === 'Succeed') {
        run.status = 'succeeded';
      }
      return;
    }
    if (type.endsWith('StateExited')) {
      const d = event.stateExitedEventDetails as { name: string; output?: string } | undefined;
      if (!d) return;
      const run = this.#run(d.name, type.slice(0, -'StateExited'.length));
      run.open = Math.max(0, run.open - 1);
      run.endedAt = event.timestamp;
      if (d.output !== undefined) run.output = d.output;
      run.events.push(event);
      this.#owner.set(event.id, d.name);
      if (run.open === 0) run.status = run.failing ? 'caught' : 'succeeded';
      return;
    }
    const owner = this.#owner.get(event.previousEventId);
    if (owner === undefined) return;
    this.#owner.set(event.id, owner);
    const run = this.runs.get(owner);
    if (!run) return;
    run.events.push(event);
    const d = eventDetails(event);
    if (type === 'TaskScheduled') {
      if (run.failing) run.retries += 1;
      run.failing = false;
      run.status = 'in-progress';
      if (typeof d?.resource === 'string')
        run.resource = `${String(d.resourceType ?? '')}:${d.resource}`;
    }
    if (FAILURES.has(type)) {
      run.failing = true;
      if (typeof d?.error === 'string') run.error = d.error;
      if (typeof d?.cause === 'string') run.cause = d.cause;
    }
  }
}
