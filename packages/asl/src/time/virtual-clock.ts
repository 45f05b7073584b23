import type { Clock } from '../clock.js';
import { TimerQueue } from './timer-queue.js';
import { virtualTimeHeld, whenVirtualTimeFree } from './virtual-time-holds.js';

/**
 * Virtual time for tests and conformance runs: a `sleep` does not wait; once everything
 * else that is ready has run (promise jobs, already-scheduled callbacks, and executions
 * paused between slices of transitions), the earliest
 * timer fires and the clock jumps to its due time. A `Wait` of a day or a heartbeat
 * timeout of five minutes costs nothing, and timers fire in due-time order, so races
 * between a task and its timeout resolve as they would in real time.
 */
export class VirtualClock implements Clock {
  #now: number;
  readonly #timers = new TimerQueue();
  #scheduled = false;

  /** @param start the clock's time at creation, ms since the epoch. @default Date.now() */
  constructor(start: number = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves the clock forward by hand (firing the timers that fall due). */
  advance(ms: number): void {
    this.#now += ms;
    this.#schedule();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const timer = this.#timers.add(this.#now + Math.max(0, ms), signal);
    this.#schedule();
    return timer;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // Two turns of the event loop: whatever a task handler scheduled with setImmediate
    // (a responder answering a token) runs before time moves on.
    setImmediate(() => setImmediate(() => this.#fire()));
  }

  #fire(): void {
    this.#scheduled = false;
    if (virtualTimeHeld()) {
      // Work paused mid-instant: time moves once it is done (told, not polled, so that a
      // host's long hold — a function running for seconds — costs no turns meanwhile).
      this.#scheduled = true;
      whenVirtualTimeFree(() => {
        this.#scheduled = false;
        this.#schedule();
      });
      return;
    }
    const due = this.#timers.nextDue();
    if (due === undefined) return;
    // Every timer due at that instant fires in the same turn, as real timers would.
    if (due > this.#now) this.#now = due;
    this.#timers.fire(due);
    if (this.#timers.size > 0) this.#schedule();
  }
}
