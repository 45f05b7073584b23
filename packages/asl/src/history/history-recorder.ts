import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import type { Clock } from '../clock.js';
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

/**
 * The execution's history: gives events their ids in order and chains them as AWS does.
 */
export class HistoryRecorder {
  readonly events: RecordedHistoryEvent[] = [];
  readonly #clock: Clock;
  readonly #onEvent: ((event: RecordedHistoryEvent) => void) | undefined;

  constructor(clock: Clock, onEvent?: (event: RecordedHistoryEvent) => void) {
    this.#clock = clock;
    this.#onEvent = onEvent;
  }

  /** The id the next event will get. */
  get nextId(): number {
    return this.events.length + 1;
  }

  /**
   * Records an event chained to `cursor`. `advance` (the default) makes it the cursor's
   * new last event; AWS leaves the cursor where it was for a few events (a Map
   * iteration's end, a Map's or Parallel's Succeeded).
   */
  append(cursor: EventCursor, body: EventBody, advance = true): number {
    const id = this.events.length + 1;
    const event = {
      ...body,
      id,
      previousEventId: cursor.last,
      timestamp: new Date(this.#clock.now()),
    } as RecordedHistoryEvent;
    this.events.push(event);
    if (advance) cursor.set(id);
    this.#onEvent?.(event);
    return id;
  }
}
