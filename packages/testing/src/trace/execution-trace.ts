import type { Json, RecordedHistoryEvent } from '@sfn-callback/asl';
import type { IndexedState } from '../load/state-index.js';
import { type AttemptError, labelOf, type ScopeFrame, type StateVisit } from './state-visit.js';
import type { TraceStep } from './trace-step.js';

/** A visit while it is being built. */
interface Visit {
  name: string;
  type: string;
  scope: readonly ScopeFrame[];
  label: string;
  input: Json | undefined;
  output: Json | undefined;
  assignedVariables: Record<string, Json>;
  attempts: number;
  errors: AttemptError[];
  status: 'running' | 'exited' | 'failed';
  caught: boolean;
  next: string | undefined;
  enteredEventId: number;
  exitedEventId: number | undefined;
  /** The Map or Parallel visit this one runs inside. */
  parent: Visit | undefined;
  lastAttemptFailed: boolean;
}

const ATTEMPT_STARTS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);
const ATTEMPT_SUCCESSES = new Set([
  'TaskSucceeded',
  'LambdaFunctionSucceeded',
  'ActivitySucceeded',
  'MapStateSucceeded',
  'ParallelStateSucceeded',
]);

function parse(text: string | undefined): Json | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

function scopeKey(parent: Visit | undefined, scope: readonly ScopeFrame[]): string {
  const frame = scope.at(-1);
  return `${parent?.enteredEventId ?? 0}/${frame?.iteration ?? frame?.branch ?? ''}`;
}

/** The event's `…EventDetails` member, whichever it is. */
function detailsOf(event: RecordedHistoryEvent): Record<string, unknown> | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') {
      return value as Record<string, unknown>;
    }
  }
  return undefined;
}

/** An attempt's failure: `TaskFailed`, `TaskTimedOut`, `LambdaFunctionFailed`, `MapStateFailed`, ... */
function failureOf(event: RecordedHistoryEvent): AttemptError | undefined {
  const type = event.type;
  if (type.startsWith('Execution') || type.startsWith('MapIteration')) return undefined;
  if (!/(Failed|TimedOut)$/.test(type)) return undefined;
  const details = detailsOf(event);
  return { error: String(details?.error ?? ''), cause: String(details?.cause ?? '') };
}

/**
 * Folds an execution's history, event by event as it is recorded, into the states it
 * visited (Map iterations and Parallel branches told apart by following each event's
 * `previousEventId`, as AWS chains them) and the steps observers receive.
 */
export class ExecutionTrace {
  readonly #states: ReadonlyMap<string, IndexedState>;
  readonly #visits: Visit[] = [];
  /** The visit each event belongs to, by event id (undefined for execution-level events). */
  readonly #visitOfEvent = new Map<number, Visit | undefined>();
  readonly #emit: (step: TraceStep) => void;
  /** The last visit entered in each iteration or branch (and at top level). */
  readonly #lastIn = new Map<string, Visit>();
  /** The events that start an iteration or a branch, which the next event looks back at. */
  readonly #events = new Map<number, RecordedHistoryEvent>();

  constructor(states: ReadonlyMap<string, IndexedState>, emit: (step: TraceStep) => void) {
    this.#states = states;
    this.#emit = emit;
  }

  /** Every visit so far, in the order the states were entered. */
  get visits(): readonly StateVisit[] {
    return this.#visits;
  }

  /** Adds the next history event. */
  add(event: RecordedHistoryEvent): void {
    if (event.type === 'MapIterationStarted' || event.type === 'ParallelStateStarted') {
      this.#events.set(event.id, event);
    }
    const visit = this.#attribute(event);
    this.#visitOfEvent.set(event.id, visit);
  }

  #attribute(event: RecordedHistoryEvent): Visit | undefined {
    const type = event.type;
    const previous = this.#visitOfEvent.get(event.previousEventId);
    if (type.endsWith('StateEntered')) return this.#enter(event, previous);
    if (type.startsWith('Execution')) return undefined;
    if (type.startsWith('MapIteration')) {
      // After the Map's own event or from inside an iteration: climb to the Map.
      const name = String(detailsOf(event)?.name ?? '');
      let map = previous;
      while (map && (map.name !== name || map.status !== 'running')) map = map.parent;
      return map;
    }
    let visit = previous;
    if (/^(Map|Parallel)/.test(type)) {
      // A Map or Parallel event after its last iteration's or branch's event: climb out.
      const kind = type.startsWith('Parallel') ? 'Parallel' : 'Map';
      while (visit && (visit.type !== kind || visit.status !== 'running')) visit = visit.parent;
    }
    if (!visit) return undefined;
    if (ATTEMPT_STARTS.has(type)) {
      if (visit.lastAttemptFailed) {
        const error = visit.errors.at(-1) as AttemptError;
        this.#emit({ kind: 'retried', visit, error, attempt: visit.attempts + 1 });
      }
      visit.attempts++;
      visit.lastAttemptFailed = false;
    } else if (ATTEMPT_SUCCESSES.has(type)) {
      visit.lastAttemptFailed = false;
    } else if (type.endsWith('StateExited')) {
      const details = detailsOf(event);
      visit.output = parse(details?.output as string | undefined);
      const assigned = (details?.assignedVariables ?? {}) as Record<string, string>;
      for (const [name, value] of Object.entries(assigned)) {
        visit.assignedVariables[name] = parse(value) as Json;
      }
      visit.status = 'exited';
      visit.exitedEventId = event.id;
      visit.caught = visit.lastAttemptFailed;
      this.#emit({ kind: 'exited', visit });
    } else {
      const failure = failureOf(event);
      if (failure) {
        visit.errors.push(failure);
        visit.lastAttemptFailed = true;
      }
    }
    return visit;
  }

  #enter(event: RecordedHistoryEvent, previous: Visit | undefined): Visit {
    const details = detailsOf(event);
    const name = String(details?.name ?? '');
    const indexed = this.#states.get(name);
    const type = indexed?.type ?? event.type.replace(/StateEntered$/, '');
    const startedBy = this.#eventType(event.previousEventId);
    let scope: readonly ScopeFrame[] = previous?.scope ?? [];
    let parent = previous?.parent;
    if (startedBy === 'MapIterationStarted' && previous) {
      const iteration = Number(this.#iterationIndex(event.previousEventId));
      scope = [...previous.scope, { state: previous.name, iteration }];
      parent = previous;
    } else if (startedBy === 'ParallelStateStarted' && previous) {
      scope = [...previous.scope, { state: previous.name, branch: indexed?.branch ?? 0 }];
      parent = previous;
    }
    const visit: Visit = {
      name,
      type,
      scope,
      label: labelOf(scope, name),
      input: parse(details?.input as string | undefined),
      output: undefined,
      assignedVariables: {},
      attempts: 0,
      errors: [],
      status: 'running',
      caught: false,
      next: undefined,
      enteredEventId: event.id,
      exitedEventId: undefined,
      parent,
      lastAttemptFailed: false,
    };
    // The state before, in the same iteration or branch, now knows where it went.
    const key = scopeKey(parent, scope);
    const before = this.#lastIn.get(key);
    if (before && before.status === 'exited' && before.next === undefined) {
      before.next = name;
      if (before.caught) {
        const error = before.errors.at(-1) as AttemptError;
        this.#emit({ kind: 'caught', visit: before, error, next: name });
      } else if (before.type === 'Choice') {
        this.#emit({ kind: 'chose', visit: before, next: name });
      }
    }
    this.#lastIn.set(key, visit);
    this.#visits.push(visit);
    this.#emit({ kind: 'entered', visit });
    return visit;
  }

  /** Marks the visits that never exited as failed (called when the execution ends). */
  end(): void {
    for (const visit of this.#visits) if (visit.status === 'running') visit.status = 'failed';
  }

  #eventType(id: number): string | undefined {
    return this.#events.get(id)?.type;
  }

  #iterationIndex(id: number): number | undefined {
    return this.#events.get(id)?.mapIterationStartedEventDetails?.index;
  }
}
