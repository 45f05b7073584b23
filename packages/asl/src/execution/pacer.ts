import { holdVirtualTime } from '../time/virtual-time-holds.js';

/**
 * The most transitions (a state entered, a Map iteration started) the executions of a
 * process make between two turns of the event loop. A Pass or Choice state costs some 10–40 µs here, so a
 * slice is a few milliseconds: timers, I/O, signals and `stop()` get through several times
 * per frame, while the `setImmediate` paid once per slice costs under 1 % of the slice.
 * A count, not a time slice, so that where an execution running alone yields (and so how
 * its Parallel branches and Map iterations interleave in the history) is the same run after
 * run.
 */
export const TRANSITIONS_PER_SLICE = 64;

/**
 * Keeps executions from holding the event loop. Every thread of an execution (the top
 * level, each Parallel branch, each Map iteration, the Map's launching of iterations) asks
 * before each transition; once the slice's transitions are spent, askers queue and the
 * execution yields to the macrotask queue (`setImmediate`, which lets pending I/O run
 * first). Each new slice lets the queued askers go on in the order they asked, as many as
 * the slice holds: a Map of 50,000 iterations wakes 64 of them per turn, not all of them.
 */
export class Pacer {
  /** Transitions made in the current slice. */
  #used = 0;
  readonly #waiting: (() => void)[] = [];
  #head = 0;
  #turnScheduled = false;
  readonly #bound: number;
  readonly #onSlice: ((transitions: number) => void) | undefined;
  /** Releases the hold on virtual time taken while askers wait for a later slice. */
  #releaseTime: (() => void) | undefined;

  /**
   * @param bound Transitions per slice (tests choose small ones).
   * @param onSlice Told how many transitions each slice made, when it ends (tests count them).
   */
  constructor(bound = TRANSITIONS_PER_SLICE, onSlice?: (transitions: number) => void) {
    this.#bound = bound;
    this.#onSlice = onSlice;
  }

  /**
   * Called before a transition: `undefined` while the slice has room (go on at once, with
   * no extra promise tick), else a promise that resolves when this asker's turn comes in
   * a later slice (its transition then counted there).
   */
  pace(): Promise<void> | undefined {
    if (this.#head === this.#waiting.length && this.#used < this.#bound) {
      this.#used++;
      return undefined;
    }
    return new Promise<void>((resolve) => {
      // Paused work is ready work: a virtual clock must not jump while it waits.
      this.#releaseTime ??= holdVirtualTime();
      this.#waiting.push(resolve);
      this.#scheduleTurn();
    });
  }

  #scheduleTurn(): void {
    if (this.#turnScheduled) return;
    this.#turnScheduled = true;
    setImmediate(() => this.#turn());
  }

  #turn(): void {
    this.#turnScheduled = false;
    this.#onSlice?.(this.#used);
    this.#used = 0;
    while (this.#used < this.#bound && this.#head < this.#waiting.length) {
      this.#used++;
      const resolve = this.#waiting[this.#head] as () => void;
      this.#waiting[this.#head++] = noop;
      resolve();
    }
    if (this.#head === this.#waiting.length) {
      this.#waiting.length = 0;
      this.#head = 0;
      this.#releaseTime?.();
      this.#releaseTime = undefined;
    } else {
      if (this.#head > 1024) {
        this.#waiting.splice(0, this.#head);
        this.#head = 0;
      }
      this.#scheduleTurn();
    }
  }
}

const noop = () => {};

/**
 * The pacer every execution of the process shares unless given its own: the bound holds for
 * the process, not for each execution, so that however many executions loop at once, the
 * event loop gets a turn after every {@link TRANSITIONS_PER_SLICE} transitions in total
 * (100 looping executions with a pacer each would run 100 slices between two turns). Askers
 * wake in the order they asked, so looping executions share the turns fairly.
 */
export const processPacer = new Pacer();
