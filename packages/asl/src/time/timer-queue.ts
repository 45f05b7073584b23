interface Timer {
  readonly due: number;
  readonly resolve: () => void;
}

/**
 * The timers of a virtual clock: sleeps waiting for a due time that the clock's owner
 * decides to reach. Shared by {@link VirtualClock} (which jumps by itself once nothing else
 * can run) and `@sfn-callback/testing`'s test clock (which also waits for the test):
 * what differs between them is when time moves, not how timers fire.
 */
export class TimerQueue {
  // In creation order: timers due at the same instant fire in the order they were set.
  readonly #timers: Timer[] = [];

  /** Timers not yet fired nor cancelled. */
  get size(): number {
    return this.#timers.length;
  }

  /**
   * A promise that resolves when {@link TimerQueue.fire} reaches `due`, or rejects with
   * the signal's reason when it aborts first (the timer is then gone from the queue).
   */
  add(due: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = { due, resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          // An abandoned race (a task that beat its timeout) must not keep the queue growing.
          const index = this.#timers.indexOf(timer);
          if (index >= 0) this.#timers.splice(index, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** The due time of the earliest timer, if any. */
  nextDue(): number | undefined {
    let due: number | undefined;
    for (const timer of this.#timers) if (due === undefined || timer.due < due) due = timer.due;
    return due;
  }

  /** Fires every timer due at `due` (and any earlier one), in the order they were set. */
  fire(due: number): void {
    const firing: Timer[] = [];
    let kept = 0;
    for (const timer of this.#timers) {
      if (timer.due <= due) firing.push(timer);
      else this.#timers[kept++] = timer;
    }
    this.#timers.length = kept;
    for (const timer of firing) timer.resolve();
  }
}
