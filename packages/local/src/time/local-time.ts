import { type Clock, systemClock, VirtualClock } from '@sfn-callback/asl';
import { InFlightWork } from './in-flight-work.js';

/**
 * What time a runner runs on.
 * - `'real'`: the wall clock; a Wait of an hour takes an hour (someone watches the console,
 *   or answers the tokens by hand).
 * - `'virtual'`: Waits, retry intervals, heartbeats and timeouts, SQS visibility timeouts and
 *   delays pass at once whenever nothing else can run — no function invocation, queue
 *   delivery or endpoint request in flight (see {@link InFlightWork}).
 */
export type TimeMode = 'virtual' | 'real';

/** The time modes, as the CLI's `--time` takes them. */
export const TIME_MODES: readonly TimeMode[] = ['virtual', 'real'];

/**
 * The runner's one time: the executions' clock, the timers of its queues and pollers, and
 * the count of its work in flight. On virtual time every timer goes through the engine's
 * `VirtualClock`, so that a visibility timeout and a heartbeat race in due-time order as
 * they would in real time.
 */
export interface LocalTime {
  readonly mode: TimeMode;
  /** The clock the executions run on. */
  readonly clock: Clock;
  /** The work in flight; on virtual time it holds the clock. */
  readonly work: InFlightWork;
  /** Milliseconds since the epoch, on this time. */
  now(): number;
  /** Calls `callback` after `ms` of this time; the returned function cancels it. */
  setTimer(ms: number, callback: () => void): () => void;
}

/**
 * The runner's time.
 * @param start on virtual time, the clock's start (ms since the epoch). @default Date.now()
 */
export function localTime(mode: TimeMode, start?: number): LocalTime {
  if (mode === 'real') {
    return {
      mode,
      clock: systemClock,
      work: new InFlightWork(false),
      now: () => Date.now(),
      setTimer: (ms, callback) => {
        const timer = setTimeout(callback, ms);
        // A queue's timer alone never keeps the process up (as before: the endpoint does).
        timer.unref();
        return () => clearTimeout(timer);
      },
    };
  }
  const clock = new VirtualClock(start ?? Date.now());
  return {
    mode,
    clock,
    work: new InFlightWork(true),
    now: () => clock.now(),
    setTimer: (ms, callback) => {
      const cancel = new AbortController();
      clock.sleep(ms, cancel.signal).then(callback, () => {
        // cancelled
      });
      return () => cancel.abort();
    },
  };
}
