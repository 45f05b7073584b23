import type { Context } from 'aws-lambda';
import { TimeRunningOutError } from './errors.js';

/**
 * Watches the invocation's remaining time: says whether a record may still start, and
 * aborts a signal when the remaining time drops below the margin.
 */
export interface TimeGuard {
  /** Aborts (reason: {@link TimeRunningOutError}) when less than the margin is left. */
  readonly signal: AbortSignal;
  /** Whether more than the margin is left, so a record may start. */
  canStart(): boolean;
  /** Stops the timer; call it when the batch is done. */
  dispose(): void;
}

/**
 * No guard: a signal that never aborts, created when first asked for (Node loads its
 * AbortController on first use, a cost no import should pay for a path Lambda never takes).
 */
let never: AbortSignal | undefined;
const UNGUARDED: TimeGuard = Object.freeze({
  get signal() {
    never ??= new AbortController().signal;
    return never;
  },
  canStart: () => true,
  dispose: () => {},
});

/**
 * A {@link TimeGuard} for one invocation. Without `context.getRemainingTimeInMillis`
 * (e.g. a test calling the handler with a plain object) there is no guard.
 */
export function createTimeGuard(
  context: Partial<Context> | undefined,
  marginMs: number,
): TimeGuard {
  const remaining = context?.getRemainingTimeInMillis;
  if (typeof remaining !== 'function') return UNGUARDED;
  return new InvocationTimeGuard(() => remaining.call(context), marginMs);
}

/**
 * The signal and its timer are only created when someone asks for the signal (a function
 * reading `context.signal`, or heartbeats): most records never do, and a timer per
 * invocation is a measurable share of the per-record cost.
 */
class InvocationTimeGuard implements TimeGuard {
  readonly #getRemaining: () => number;
  readonly #marginMs: number;
  #controller: AbortController | undefined;
  #timer: NodeJS.Timeout | undefined;
  #disposed = false;

  constructor(getRemaining: () => number, marginMs: number) {
    this.#getRemaining = getRemaining;
    this.#marginMs = marginMs;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      const controller = new AbortController();
      this.#controller = controller;
      const fire = () =>
        controller.abort(new TimeRunningOutError(Math.max(0, this.#getRemaining())));
      const delay = this.#getRemaining() - this.#marginMs;
      if (delay <= 0) fire();
      else if (!this.#disposed) this.#timer = setTimeout(fire, delay);
    }
    return this.#controller.signal;
  }

  canStart(): boolean {
    if (this.#controller?.signal.aborted) return false;
    return this.#getRemaining() > this.#marginMs;
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
  }
}
