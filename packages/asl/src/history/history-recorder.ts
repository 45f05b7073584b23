import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import type { Clock } from '../clock.js';
import { MAX_HISTORY_EVENTS } from '../limits.js';
import { StatesErrors } from '../states-error.js';
import type { RecordedHistoryEvent } from './recorded-event.js';

/** An event before the recorder gives it its `id`, `previousEventId` and `timestamp`. */
export type EventBody = Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp' | 'type'> & {
  type: HistoryEventType;
};

/**
 * Where the next event of a thread of states chains from. AWS chains each event to the
 * previous one of the same thread (`previousEventId`); a Map iteration or a Parallel
 * branch is a thread of its own that starts from its container's cursor, and each event
 * it records also moves the container's cursor (recorded: the next sequential iteration
 * starts from the last event of the one before).
 */
export class EventCursor {
  constructor(
    public last: number,
    readonly parent?: EventCursor,
  ) {}

  /** A thread that starts here and reports its events back here. */
  child(): EventCursor {
    return new EventCursor(this.last, this);
  }

  set(id: number): void {
    this.last = id;
    this.parent?.set(id);
  }
}

/** The cause of the failure at the history limit, as AWS words it (quoted in reports). */
export const HISTORY_LIMIT_CAUSE = historyLimitCause(MAX_HISTORY_EVENTS);

/** The cause for a history of `limit` events (tests run with smaller limits). */
export function historyLimitCause(limit: number): string {
  return `The execution reached the maximum number of history events (${limit}).`;
}

/**
 * The execution's history: gives events their ids in order and chains them as AWS does.
 * It holds at most `limit` events (AWS's 25,000): when the last place would go to anything
 * but `ExecutionSucceeded`, it records `ExecutionFailed` there instead (`States.Runtime`,
 * {@link HISTORY_LIMIT_CAUSE}), tells `onLimit` so that the execution stops, and records
 * nothing after it.
 */
export class HistoryRecorder {
  readonly events: RecordedHistoryEvent[] = [];
  readonly #clock: Clock;
  readonly #onEvent: ((event: RecordedHistoryEvent) => void) | undefined;
  readonly #limit: number;
  #onLimit: (() => void) | undefined;
  #full = false;

  constructor(
    clock: Clock,
    onEvent?: (event: RecordedHistoryEvent) => void,
    limit: number = MAX_HISTORY_EVENTS,
  ) {
    this.#clock = clock;
    this.#onEvent = onEvent;
    this.#limit = limit;
  }

  /** The id the next event will get. */
  get nextId(): number {
    return this.events.length + 1;
  }

  /** Whether the history reached its limit (its last event is then the limit's ExecutionFailed). */
  get full(): boolean {
    return this.#full;
  }

  /** The cause the limit's ExecutionFailed gives. */
  get limitCause(): string {
    return historyLimitCause(this.#limit);
  }

  /** Told once, when the history reaches its limit. */
  set onLimit(listener: () => void) {
    this.#onLimit = listener;
  }

  /**
   * Records an event chained to `cursor`. `advance` (the default) makes it the cursor's
   * new last event; AWS leaves the cursor where it was for a few events (a Map
   * iteration's end, a Map's or Parallel's Succeeded). Once the history is full, nothing
   * is recorded and the id returned is the last event's.
   */
  append(cursor: EventCursor, body: EventBody, advance = true): number {
    if (this.#full) return this.events.length;
    if (this.events.length === this.#limit - 1 && body.type !== 'ExecutionSucceeded') {
      this.#full = true;
      this.#push(cursor, {
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: StatesErrors.Runtime, cause: this.limitCause },
      });
      this.#onLimit?.();
      return this.events.length;
    }
    const id = this.#push(cursor, body);
    if (advance) cursor.set(id);
    return id;
  }

  /** Takes an earlier run's events as they were (a redriven execution continues its history). */
  restore(events: readonly RecordedHistoryEvent[]): void {
    for (const event of events) this.events.push(event);
  }

  #push(cursor: EventCursor, body: EventBody): number {
    const id = this.events.length + 1;
    const event = {
      ...body,
      id,
      previousEventId: cursor.last,
      timestamp: new Date(this.#clock.now()),
    } as RecordedHistoryEvent;
    this.events.push(event);
    this.#onEvent?.(event);
    return id;
  }
}
