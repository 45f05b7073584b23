import type { Clock } from '../clock.js';
import { virtualTimeHeld, whenVirtualTimeFree } from './virtual-time-holds.js';

interface Timer {
  readonly due: number;
  readonly seq: number;
  readonly resolve: () => void;
  cancelled: boolean;
}

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
  #seq = 0;
  readonly #timers: Timer[] = [];
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
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = {
        due: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        resolve,
        cancelled: false,
      };
      signal?.addEventListener(
        'abort',
        () => {
          timer.cancelled = true;
          reject(signal.reason);
        },
        { once: true },
      );
      this.#timers.push(timer);
      this.#schedule();
    });
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
    let next: Timer | undefined;
    for (let i = 0; i < this.#timers.length; i++) {
      const timer = this.#timers[i] as Timer;
      if (timer.cancelled) continue;
      if (!next || timer.due < next.due || (timer.due === next.due && timer.seq < next.seq)) {
        next = timer;
      }
    }
    // Drop cancelled timers so that an abandoned race does not keep the queue growing.
    for (let i = this.#timers.length - 1; i >= 0; i--) {
      if ((this.#timers[i] as Timer).cancelled) this.#timers.splice(i, 1);
    }
    if (!next) return;
    // Every timer due at that instant fires in the same turn, as real timers would.
    const due = next.due;
    const firing = this.#timers.filter((timer) => timer.due === due).sort((a, b) => a.seq - b.seq);
    for (const timer of firing) this.#timers.splice(this.#timers.indexOf(timer), 1);
    if (due > this.#now) this.#now = due;
    for (const timer of firing) timer.resolve();
    if (this.#timers.length > 0) this.#schedule();
  }
}
