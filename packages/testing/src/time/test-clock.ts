import { type Clock, TimerQueue } from '@sfn-callback/asl';

/** What the clock asks its execution before it moves time on by itself. */
export interface ClockHost {
  /** Work the test's side is doing (a mock function that has not answered yet). */
  inFlight(): number;
  /** Whether the execution waits for the test (an open task only the test answers). */
  waitsForTest(): boolean;
  /** Called each time nothing can run until the test acts or time moves by hand. */
  idle(): void;
}

/**
 * Virtual time for one test execution. Like `@sfn-callback/asl`'s `VirtualClock`, a sleep
 * does not wait: once nothing else is ready, the clock jumps to the earliest timer. Two
 * differences make it a test's clock: it never jumps while the execution waits for the
 * test (a task token the test answers, so a heartbeat timeout cannot beat the test to it),
 * nor while a mock function is still working; and it can be held (`auto: false`), so that
 * only {@link TestClock.advance} moves time.
 */
export class TestClock implements Clock {
  #now: number;
  readonly #timers = new TimerQueue();
  #host: ClockHost | undefined;
  #detached = false;
  readonly #auto: boolean;

  constructor(start: number, auto: boolean) {
    this.#now = start;
    this.#auto = auto;
  }

  /** Binds the clock to its execution (once, before it starts). */
  attach(host: ClockHost): void {
    this.#host = host;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const timer = this.#timers.add(this.#now + Math.max(0, ms), signal);
    this.settle();
    return timer;
  }

  /** The due time of the earliest timer, if any. */
  nextDue(): number | undefined {
    return this.#timers.nextDue();
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way, in order,
   * each followed by whatever it lets run; resolves once the execution has settled.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + Math.max(0, ms);
    for (;;) {
      await settled();
      const due = this.nextDue();
      if (due === undefined || due > target) break;
      this.#fireAt(due);
    }
    this.#now = target;
    await settled();
    this.settle();
  }

  /**
   * Looks again, two turns of the event loop from now (whatever a mock scheduled with
   * `setImmediate` runs first), whether time may jump; tells the host when nothing can run.
   */
  settle(): void {
    if (!this.#detached) lookLater(this);
  }

  /** The execution ended: no more looks (and no reference kept from the shared queue). */
  detach(): void {
    this.#detached = true;
    waiting.delete(this);
    batch.delete(this);
  }

  /** @internal called by the shared queue. */
  step(): void {
    if (this.#detached) return;
    const host = this.#host;
    if (host && host.inFlight() > 0) return; // the mock's answer calls settle() again
    const due = this.nextDue();
    if (due === undefined || !this.#auto || host?.waitsForTest()) {
      host?.idle();
      return;
    }
    this.#fireAt(due);
    this.settle();
  }

  #fireAt(due: number): void {
    // Every timer due at that instant fires in the same turn, as real timers would.
    if (due > this.#now) this.#now = due;
    this.#timers.fire(due);
  }
}

// One queue for every clock of the process: a single pair of setImmediate at a time however
// many executions run, and an ended execution leaves it at once, so that a suite of tests
// that never yields to the event loop does not pile up callbacks that hold executions.
let waiting = new Set<TestClock>();
let batch = new Set<TestClock>();
let looking = false;

function lookLater(clock: TestClock): void {
  waiting.add(clock);
  if (!looking) startLooking();
}

function startLooking(): void {
  looking = true;
  batch = waiting;
  waiting = new Set();
  // Two turns: whatever a mock scheduled with setImmediate runs before time moves on. A
  // clock queued meanwhile waits for the next batch (its own two turns).
  setImmediate(() =>
    setImmediate(() => {
      looking = false;
      const clocks = batch;
      batch = new Set();
      for (const clock of clocks) clock.step();
      if (waiting.size > 0 && !looking) startLooking();
    }),
  );
}

/** Two turns of the event loop: promise jobs and callbacks already scheduled have run. */
export function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
