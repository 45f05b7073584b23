import type { Json, JsonObject } from '../../src/json.ts';
import { isJsonObject } from '../../src/json.ts';
import type { TaskRequest } from '../../src/task-handler.ts';
import { compareJson, parseJsonText } from '../compare.ts';
import type { RecordedEvent } from '../load-cases.ts';
import { Bindings } from '../placeholders.ts';
import { fail, hang, type Outcome, succeed } from './outcome.ts';

/** One task attempt the recorded history shows: which state, what it was asked, what it answered. */
export interface RecordedCall {
  /** The state it ran in; undefined inside a window LocalStack sorted (the chain is lost). */
  readonly stateName: string | undefined;
  readonly resourceType: string;
  readonly resource: string;
  readonly legacyLambda: boolean;
  readonly parameters: Json | undefined;
  readonly outcome: Outcome;
  /** The history index of its scheduled event. */
  readonly index: number;
}

type Event = RecordedEvent & Record<string, Json | undefined>;

function details(event: Event | undefined): JsonObject {
  if (!event) return {};
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && isJsonObject(value)) return value;
  }
  return {};
}

/** A recorded JSON text field as the value the service answered. */
function recordedValue(value: Json | undefined): Json {
  return (parseJsonText(value) ?? null) as Json;
}

/** How an object the recording parsed was written as text: compact, or Python's `json.dumps`. */
export type TextStyle = (value: Json) => string;

/** A recorded cause as the text to answer with (objects were JSON text). */
function recordedCause(value: Json | undefined, style: TextStyle): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : style(value);
}

const ENDS = new Set([
  'TaskSucceeded',
  'TaskFailed',
  'TaskTimedOut',
  'TaskSubmitted',
  'LambdaFunctionSucceeded',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'LambdaFunctionScheduleFailed',
  'LambdaFunctionStartFailed',
  'TaskStartFailed',
  'TaskSubmitFailed',
]);

function outcomeOf(event: Event | undefined, style: TextStyle): Outcome {
  if (!event) return hang;
  const detail = details(event);
  switch (event.type) {
    case 'TaskSucceeded':
    case 'LambdaFunctionSucceeded':
      return succeed(recordedValue(detail.output));
    case 'TaskFailed':
    case 'LambdaFunctionFailed':
    case 'LambdaFunctionScheduleFailed':
    case 'LambdaFunctionStartFailed':
    case 'TaskStartFailed':
    case 'TaskSubmitFailed':
      return fail(
        typeof detail.error === 'string' ? detail.error : undefined,
        recordedCause(detail.cause, style),
      );
    default:
      return hang;
  }
}

/** Reads every task attempt of a recorded history, in order. */
export function recordedCalls(
  history: readonly RecordedEvent[],
  causeStyle: TextStyle = JSON.stringify,
): RecordedCall[] {
  const events = history as readonly Event[];
  const byId = new Map<number, Event>();
  const children = new Map<number, Event[]>();
  for (const event of events) {
    if (typeof event.id !== 'number') continue;
    byId.set(event.id, event);
    const list = children.get(event.previousEventId) ?? [];
    list.push(event);
    children.set(event.previousEventId, list);
  }
  const claimed = new Set<Event>();
  const stateOf = (event: Event): string | undefined => {
    let current: Event | undefined = event;
    for (let guard = 0; current && guard < 10_000; guard++) {
      if (current.type.endsWith('StateEntered')) {
        const name = details(current).name;
        return typeof name === 'string' ? name : undefined;
      }
      current = byId.get(current.previousEventId);
    }
    return undefined;
  };
  // The next event of the attempt: chained by previousEventId, or (in a sorted window)
  // the first unclaimed end of the same kind after the scheduled event.
  const follow = (
    from: Event,
    index: number,
    types: (type: string) => boolean,
  ): Event | undefined => {
    if (typeof from.id === 'number') {
      const next = (children.get(from.id) ?? []).find(
        (event) => types(event.type) && !claimed.has(event),
      );
      if (next) return next;
      return undefined;
    }
    for (let k = 0; k < events.length; k++) {
      const event = events[(index + k) % events.length] as Event;
      if (Array.isArray(event.id) && types(event.type) && !claimed.has(event)) return event;
    }
    return undefined;
  };
  const calls: RecordedCall[] = [];
  events.forEach((event, index) => {
    const lambda = event.type === 'LambdaFunctionScheduled';
    if (event.type !== 'TaskScheduled' && !lambda) return;
    const detail = details(event);
    const prefix = lambda ? 'LambdaFunction' : 'Task';
    let cursor: Event | undefined = event;
    const started = follow(event, index, (type) => type === `${prefix}Started`);
    if (started) {
      claimed.add(started);
      cursor = started;
    }
    const isEnd = (type: string) => ENDS.has(type) && type.startsWith(prefix);
    let end = follow(cursor, index, isEnd);
    if (!end && cursor !== event) end = follow(event, index, isEnd);
    if (end) claimed.add(end);
    let outcome: Outcome;
    if (end?.type === 'TaskSubmitted') {
      const after = follow(end, index, (type) => isEnd(type) && type !== 'TaskSubmitted');
      if (after) claimed.add(after);
      outcome = {
        kind: 'submit',
        output: recordedValue(details(end).output),
        after: outcomeOf(after, causeStyle),
      };
    } else {
      outcome = outcomeOf(end, causeStyle);
    }
    calls.push({
      stateName: Array.isArray(event.id) ? undefined : stateOf(event),
      resourceType: lambda ? 'lambda' : String(detail.resourceType ?? ''),
      resource: String(detail.resource ?? ''),
      legacyLambda: lambda,
      parameters: detail.parameters === undefined ? undefined : recordedValue(detail.parameters),
      outcome,
      index,
    });
  });
  return calls;
}

/** Whether the errors in an outcome are the engine's own (a limit or timeout), not the service's. */
function engineMade(outcome: Outcome): boolean {
  if (outcome.kind === 'fail') return outcome.error === 'States.DataLimitExceeded';
  return false;
}

export type ReplayAnswer =
  | {
      readonly kind: 'recorded' | 'ambiguous' | 'engine-made';
      readonly outcome: Outcome;
      readonly call: RecordedCall;
    }
  | { readonly kind: 'none' | 'exhausted' };

/**
 * The recorded answers, handed out per state in recorded order. A request takes the first
 * unused recorded call of its state (and resource) whose recorded parameters match its
 * own; when several unused calls match but answered differently, the answer is ambiguous
 * (the caller then emulates).
 */
export class ReplayBook {
  private readonly calls: RecordedCall[];
  private readonly used = new Set<RecordedCall>();

  constructor(calls: RecordedCall[]) {
    this.calls = calls;
  }

  get size(): number {
    return this.calls.length;
  }

  take(request: Pick<TaskRequest, 'stateName' | 'resource' | 'parameters'>): ReplayAnswer {
    const candidates = this.calls.filter(
      (call) =>
        !this.used.has(call) &&
        (call.stateName === undefined || call.stateName === request.stateName) &&
        call.legacyLambda === request.resource.legacyLambda &&
        (call.legacyLambda || call.resource === request.resource.resource),
    );
    if (candidates.length === 0) {
      const before = this.calls.some(
        (call) =>
          call.legacyLambda === request.resource.legacyLambda &&
          call.resource === request.resource.resource,
      );
      return { kind: before ? 'exhausted' : 'none' };
    }
    const matching = candidates.filter(
      (call) =>
        call.parameters === undefined ||
        compareJson(call.parameters, request.parameters, '', new Bindings()) === undefined,
    );
    const pool = matching.length > 0 ? matching : candidates;
    const chosen = pool[0] as RecordedCall;
    this.used.add(chosen);
    if (engineMade(chosen.outcome))
      return { kind: 'engine-made', outcome: chosen.outcome, call: chosen };
    if (chosen.stateName === undefined) {
      // In a sorted window the pairing of calls and answers is a guess: ambiguous when the
      // window's calls of this kind (used or not) answered differently.
      const alike = this.calls.filter(
        (call) =>
          call.stateName === undefined &&
          call.resource === chosen.resource &&
          call.legacyLambda === chosen.legacyLambda,
      );
      const answers = new Set(alike.map((call) => JSON.stringify(call.outcome)));
      if (answers.size > 1) return { kind: 'ambiguous', outcome: chosen.outcome, call: chosen };
    }
    return { kind: 'recorded', outcome: chosen.outcome, call: chosen };
  }
}
