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
  'LambdaFunctionStartFailed',
  'LambdaFunctionScheduleFailed',
  'ActivityFailed',
  'ActivityTimedOut',
  'ActivityScheduleFailed',
  'MapStateFailed',
  'ParallelStateFailed',
  'EvaluationFailed',
]);

/** The states whose runs hold other states (an iteration, a branch). */
const CONTAINERS = new Set(['Map', 'Parallel']);

/**
 * A Map's or a Parallel's own events that are not its entry or exit. AWS chains them to the
 * event before them, which is often an event of a state inside (MapStateFailed's previous
 * event is the failed iteration's last one): they belong to the container, not to that state.
 */
function isContainerEvent(type: string): boolean {
  return (
    (type.startsWith('MapState') ||
      type.startsWith('MapIteration') ||
      type.startsWith('MapRun') ||
      type.startsWith('ParallelState')) &&
    !type.endsWith('StateEntered') &&
    !type.endsWith('StateExited')
  );
}

/** Container events after which the container has ended (its next event is its exit). */
const CONTAINER_ENDS = new Set([
  'MapStateSucceeded',
  'MapStateFailed',
  'MapStateAborted',
  'ParallelStateSucceeded',
  'ParallelStateFailed',
  'ParallelStateAborted',
]);

/** Container events whose next events are inside the container (an iteration, a branch). */
const OPENS_BODY = new Set(['MapIterationStarted', 'ParallelStateStarted']);

/** An event's `<type>EventDetails` member (`TaskFailed` → `taskFailedEventDetails`). */
export function eventDetails(event: WireEvent): Record<string, unknown> | undefined {
  const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
  const value = event[key] ?? event.stateEnteredEventDetails ?? event.stateExitedEventDetails;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/**
 * Folds an execution's history (GetExecutionHistory's events, in order) into what each
 * state did: in progress, succeeded, failed, caught (failed, and a Catch took over: the
 * state exited after a failure), cancelled (still running when its Map, Parallel or the
 * execution stopped), or not run (absent). A state entered more than once shows how its
 * last entry fared. An event belongs to the state its `previousEventId` chain leads to,
 * except a Map's or a Parallel's own events (see {@link isContainerEvent}). Incremental:
 * feed it more events as they arrive.
 */
export class StateRuns {
  readonly runs = new Map<string, StateRun>();
  readonly #owner = new Map<number, string>();
  readonly #typeOf = new Map<number, string>();
  /** Each state's Map or Parallel (state names are unique in a state machine). */
  readonly #parent = new Map<string, string | undefined>();
  /** Containers started since their last entry (a second start is a retry). */
  readonly #started = new Set<string>();
  /** The state entered last: what an event chained to nothing belongs to (see #fold). */
  #lastEntered: string | undefined;
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

  /** The Map or Parallel a state runs in, when it runs in one. */
  parentOf(name: string): string | undefined {
    return this.#parent.get(name);
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

  /** The container whose body the event `previousEventId` leads to is in. */
  #containerAfter(previousEventId: number): string | undefined {
    const owner = this.#owner.get(previousEventId);
    if (owner === undefined) return undefined;
    const previousType = this.#typeOf.get(previousEventId) ?? '';
    return OPENS_BODY.has(previousType) ? owner : this.#parent.get(owner);
  }

  /** Which state a Map's or Parallel's own event belongs to. */
  #containerEventOwner(event: WireEvent): string | undefined {
    const previous = this.#owner.get(event.previousEventId);
    if (previous === undefined) return undefined;
    const previousType = this.#typeOf.get(event.previousEventId) ?? '';
    const previousRun = this.runs.get(previous);
    const stillItsOwn =
      previousRun !== undefined &&
      CONTAINERS.has(previousRun.type) &&
      !previousType.endsWith('StateExited') &&
      !CONTAINER_ENDS.has(previousType);
    return stillItsOwn ? previous : this.#parent.get(previous);
  }

  /** Ends what still runs inside `container` (its iterations or branches were stopped). */
  #stopInside(container: string): void {
    for (const run of this.runs.values()) {
      if (run.status !== 'in-progress' || !this.#isInside(run.name, container)) continue;
      run.status = run.failing ? 'failed' : 'cancelled';
      run.open = 0;
    }
  }

  #isInside(name: string, container: string): boolean {
    for (let p = this.#parent.get(name); p !== undefined; p = this.#parent.get(p))
      if (p === container) return true;
    return false;
  }

  #fold(event: WireEvent): void {
    this.count += 1;
    const type = event.type;
    this.#typeOf.set(event.id, type);
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
      if (!this.#parent.has(d.name))
        this.#parent.set(d.name, this.#containerAfter(event.previousEventId));
      const run = this.#run(d.name, type.slice(0, -'StateEntered'.length));
      run.entries += 1;
      run.open += 1;
      run.status = 'in-progress';
      run.failing = false;
      run.error = undefined;
      run.cause = undefined;
      this.#started.delete(d.name);
      run.startedAt ??= event.timestamp;
      if (d.input !== undefined) run.input = d.input;
      run.events.push(event);
      this.#owner.set(event.id, d.name);
      this.#lastEntered = d.name;
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
      if (CONTAINERS.has(run.type)) this.#stopInside(d.name);
      return;
    }
    // AWS chains an EvaluationFailed (a JSONata error in the state's own fields) to no event
    // (previousEventId 0) or to the exit of the state before: it is the state just entered
    // that failed.
    const previousType = this.#typeOf.get(event.previousEventId);
    const owner = isContainerEvent(type)
      ? this.#containerEventOwner(event)
      : previousType === undefined || previousType.endsWith('StateExited')
        ? this.#lastEntered
        : this.#owner.get(event.previousEventId);
    if (owner === undefined) return;
    this.#owner.set(event.id, owner);
    const run = this.runs.get(owner);
    if (!run) return;
    run.events.push(event);
    const d = eventDetails(event);
    if (type === 'TaskScheduled' || type === 'MapStateStarted' || type === 'ParallelStateStarted') {
      const again = type === 'TaskScheduled' ? run.failing : this.#started.has(owner);
      if (again) run.retries += 1;
      this.#started.add(owner);
      run.failing = false;
      run.status = 'in-progress';
      if (typeof d?.resource === 'string')
        run.resource = `${String(d.resourceType ?? '')}:${d.resource}`;
    }
    if (type === 'TaskStateAborted') {
      run.status = 'cancelled';
      run.open = Math.max(0, run.open - 1);
    }
    if (FAILURES.has(type)) {
      run.failing = true;
      if (typeof d?.error === 'string') run.error = d.error;
      if (typeof d?.cause === 'string') run.cause = d.cause;
    }
    if (CONTAINER_ENDS.has(type)) this.#stopInside(owner);
  }
}
