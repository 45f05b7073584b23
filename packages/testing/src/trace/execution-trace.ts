import type { Json, RecordedHistoryEvent } from '@sfn-callback/asl';
import type { IndexedState } from '../load/state-index.js';
import { type AttemptError, labelOf, type ScopeFrame, type StateVisit } from './state-visit.js';
import type { TraceStep } from './trace-step.js';

/**
 * A visit while it is being built. Input, output and variables stay JSON text until a test
 * reads them: most are never read.
 */
class Visit implements StateVisit {
  readonly name: string;
  readonly type: string;
  readonly scope: readonly ScopeFrame[];
  readonly enteredEventId: number;
  /** The Map or Parallel visit this one runs inside. */
  readonly parent: Visit | undefined;
  inputText: string | undefined;
  outputText: string | undefined;
  assignedTexts: Record<string, string> | undefined;
  attempts = 0;
  errors: AttemptError[] = [];
  status: 'running' | 'exited' | 'failed' = 'running';
  caught = false;
  next: string | undefined;
  exitedEventId: number | undefined;
  lastAttemptFailed = false;

  constructor(
    name: string,
    type: string,
    scope: readonly ScopeFrame[],
    parent: Visit | undefined,
    enteredEventId: number,
    inputText: string | undefined,
  ) {
    this.name = name;
    this.type = type;
    this.scope = scope;
    this.parent = parent;
    this.enteredEventId = enteredEventId;
    this.inputText = inputText;
  }

  get label(): string {
    return labelOf(this.scope, this.name);
  }

  get input(): Json | undefined {
    return parse(this.inputText);
  }

  get output(): Json | undefined {
    return parse(this.outputText);
  }

  get assignedVariables(): Readonly<Record<string, Json>> {
    const variables: Record<string, Json> = {};
    for (const [name, text] of Object.entries(this.assignedTexts ?? {})) {
      variables[name] = parse(text) as Json;
    }
    return variables;
  }

  toJSON(): Record<string, unknown> {
    const {
      parent: _parent,
      inputText: _i,
      outputText: _o,
      assignedTexts: _a,
      lastAttemptFailed: _l,
      ...rest
    } = this;
    return {
      ...rest,
      input: this.input,
      output: this.output,
      assignedVariables: this.assignedVariables,
    };
  }
}

const ATTEMPT_STARTS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);
const ATTEMPT_SUCCESSES = new Set([
  'TaskSucceeded',
  'LambdaFunctionSucceeded',
  'ActivitySucceeded',
  'MapStateSucceeded',
  'ParallelStateSucceeded',
]);

/** What an event type means for the visit it belongs to. */
type EventKind =
  | 'entered'
  | 'execution'
  | 'iteration'
  | 'attempt-start'
  | 'success'
  | 'exited'
  | 'failure'
  | 'other';

const kinds = new Map<string, { kind: EventKind; block?: 'Map' | 'Parallel' }>();

/** An event type's meaning, worked out once per type. */
function classify(type: string): { kind: EventKind; block?: 'Map' | 'Parallel' } {
  let known = kinds.get(type);
  if (known) return known;
  const block = type.startsWith('Parallel')
    ? 'Parallel'
    : type.startsWith('Map')
      ? 'Map'
      : undefined;
  let kind: EventKind = 'other';
  if (type.endsWith('StateEntered')) kind = 'entered';
  else if (type.startsWith('Execution')) kind = 'execution';
  else if (type.startsWith('MapIteration')) kind = 'iteration';
  else if (ATTEMPT_STARTS.has(type)) kind = 'attempt-start';
  else if (ATTEMPT_SUCCESSES.has(type)) kind = 'success';
  else if (type.endsWith('StateExited')) kind = 'exited';
  else if (/(Failed|TimedOut)$/.test(type)) kind = 'failure';
  known = block && kind !== 'entered' && kind !== 'iteration' ? { kind, block } : { kind };
  kinds.set(type, known);
  return known;
}

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

/** Which member holds an event type's details (found once per type). */
const detailsKeys = new Map<string, string | null>();

/** The event's `…EventDetails` member, whichever it is. */
function detailsOf(event: RecordedHistoryEvent): Record<string, unknown> | undefined {
  const known = detailsKeys.get(event.type);
  if (known !== undefined) {
    return known === null
      ? undefined
      : (event[known as keyof RecordedHistoryEvent] as Record<string, unknown>);
  }
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') {
      detailsKeys.set(event.type, key);
      return value as Record<string, unknown>;
    }
  }
  detailsKeys.set(event.type, null);
  return undefined;
}

/** An attempt's failure: `TaskFailed`, `TaskTimedOut`, `LambdaFunctionFailed`, `MapStateFailed`, ... */
function failureOf(event: RecordedHistoryEvent): AttemptError {
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
  readonly #visitOfEvent: (Visit | undefined)[] = [];
  /** Undefined when nobody observes: no step is even built. */
  readonly #emit: ((step: TraceStep) => void) | undefined;
  /** The last visit entered in each iteration or branch (and at top level). */
  readonly #lastIn = new Map<string, Visit>();
  /** The events that start an iteration or a branch, which the next event looks back at. */
  readonly #events = new Map<number, RecordedHistoryEvent>();
  /** The rule each Choice visit took, by its entered event id, as the engine tells it. */
  readonly #choiceRules = new Map<number, number | 'Default'>();

  constructor(
    states: ReadonlyMap<string, IndexedState>,
    emit: ((step: TraceStep) => void) | undefined,
  ) {
    this.#states = states;
    this.#emit = emit;
  }

  /** Every visit so far, in the order the states were entered. */
  get visits(): readonly StateVisit[] {
    return this.#visits;
  }

  /** The engine's word on which rule a Choice state took (told before it exits). */
  chose(enteredEventId: number, rule: number | 'Default'): void {
    this.#choiceRules.set(enteredEventId, rule);
  }

  /** Adds the next history event. */
  add(event: RecordedHistoryEvent): void {
    if (event.type === 'MapIterationStarted' || event.type === 'ParallelStateStarted') {
      this.#events.set(event.id, event);
    }
    this.#visitOfEvent[event.id] = this.#attribute(event);
  }

  #attribute(event: RecordedHistoryEvent): Visit | undefined {
    const { kind, block } = classify(event.type);
    const previous = this.#visitOfEvent[event.previousEventId];
    if (kind === 'entered') return this.#enter(event, previous);
    if (kind === 'execution') return undefined;
    if (kind === 'iteration') {
      // After the Map's own event or from inside an iteration: climb to the Map.
      const name = String(detailsOf(event)?.name ?? '');
      let map = previous;
      while (map && (map.name !== name || map.status !== 'running')) map = map.parent;
      return map;
    }
    let visit = previous;
    if (block) {
      // A Map or Parallel event after its last iteration's or branch's event: climb out.
      while (visit && (visit.type !== block || visit.status !== 'running')) visit = visit.parent;
    }
    if (!visit) return undefined;
    switch (kind) {
      case 'attempt-start':
        if (visit.lastAttemptFailed) {
          const error = visit.errors.at(-1) as AttemptError;
          this.#emit?.({ kind: 'retried', visit, error, attempt: visit.attempts + 1 });
        }
        visit.attempts++;
        visit.lastAttemptFailed = false;
        break;
      case 'success':
        visit.lastAttemptFailed = false;
        break;
      case 'exited': {
        const details = detailsOf(event);
        visit.outputText = details?.output as string | undefined;
        visit.assignedTexts = details?.assignedVariables as Record<string, string> | undefined;
        visit.status = 'exited';
        visit.exitedEventId = event.id;
        visit.caught = visit.lastAttemptFailed;
        this.#emit?.({ kind: 'exited', visit });
        break;
      }
      case 'failure':
        visit.errors.push(failureOf(event));
        visit.lastAttemptFailed = true;
        break;
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
    const visit = new Visit(
      name,
      type,
      scope,
      parent,
      event.id,
      details?.input as string | undefined,
    );
    // The state before, in the same iteration or branch, now knows where it went.
    const key = scopeKey(parent, scope);
    const before = this.#lastIn.get(key);
    if (before && before.status === 'exited' && before.next === undefined) {
      before.next = name;
      if (before.caught) {
        const error = before.errors.at(-1) as AttemptError;
        this.#emit?.({ kind: 'caught', visit: before, error, next: name });
      } else if (before.type === 'Choice') {
        const rule = this.#choiceRules.get(before.enteredEventId) ?? 'Default';
        this.#choiceRules.delete(before.enteredEventId);
        this.#emit?.({ kind: 'chose', visit: before, next: name, rule });
      }
    }
    this.#lastIn.set(key, visit);
    this.#visits.push(visit);
    this.#emit?.({ kind: 'entered', visit });
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
