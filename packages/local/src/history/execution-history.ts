import type { HistoryEvent, PendingHistoryEvent } from './types.js';

/** The `inputDetails` / `outputDetails` the local runner reports: never truncated. */
export const NOT_TRUNCATED = Object.freeze({ truncated: false });

/**
 * One execution's history, in AWS's event shape, built from two sources that run at
 * different paces: the engine's state events (read asynchronously from its event log) and
 * the runner's task events (TaskScheduled, TaskSubmitted, TaskSucceeded …, written by the
 * Task handlers as things happen).
 *
 * Task events are placed after the engine event that began their attempt — the state's
 * entry, or its retry — and before the state's exit or failure, whatever order the two
 * sources deliver them in. Attempts are counted per state name (ASL state names are unique
 * within a state machine).
 */
export class ExecutionHistory {
  readonly #events: HistoryEvent[] = [];
  /** Attempts begun, per Task state, as the engine's log has shown them so far. */
  readonly #anchors = new Map<string, number>();
  /** Task events waiting for the engine event that begins their attempt. */
  readonly #pending = new Map<string, { attempt: number; event: PendingHistoryEvent }[]>();

  /** The events so far, oldest first. */
  get events(): readonly HistoryEvent[] {
    return this.#events;
  }

  /** Appends an engine-sourced event. */
  append(event: PendingHistoryEvent): HistoryEvent {
    const previous = this.#events.at(-1);
    const placed = {
      id: this.#events.length + 1,
      previousEventId: previous?.id ?? 0,
      ...event,
    } as HistoryEvent;
    this.#events.push(placed);
    return placed;
  }

  /** The engine began attempt n of Task state `state` (its entry or a retry). */
  beginAttempt(state: string): void {
    const attempt = (this.#anchors.get(state) ?? 0) + 1;
    this.#anchors.set(state, attempt);
    this.#flush(state, attempt);
  }

  /** The engine ended the current attempt of `state`: anything still pending goes first. */
  endAttempt(state: string): void {
    this.#flush(state, this.#anchors.get(state) ?? 0);
  }

  /** Appends a task event of attempt `attempt` of `state`, in its place. */
  appendTaskEvent(state: string, attempt: number, event: PendingHistoryEvent): void {
    if ((this.#anchors.get(state) ?? 0) >= attempt) {
      this.append(event);
      return;
    }
    let queue = this.#pending.get(state);
    if (!queue) {
      queue = [];
      this.#pending.set(state, queue);
    }
    queue.push({ attempt, event });
  }

  #flush(state: string, upTo: number): void {
    const queue = this.#pending.get(state);
    if (!queue) return;
    const ready = queue.filter((item) => item.attempt <= upTo);
    if (ready.length === 0) return;
    const rest = queue.filter((item) => item.attempt > upTo);
    if (rest.length === 0) this.#pending.delete(state);
    else this.#pending.set(state, rest);
    for (const item of ready) this.append(item.event);
  }
}
