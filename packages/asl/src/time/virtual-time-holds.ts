/**
 * Work that gives the event loop a turn in the middle of what is one instant in virtual
 * time (an execution paused between slices by its pacer, a long JSONata evaluation pausing
so that a server stays responsive). While any
 * such pause is open, a `VirtualClock` does not move: the pause is not idleness, and a
 * timer firing then (a Task's timeout, TestState's five minutes) would fire too early.
 */
let openPauses = 0;
/** Told once the last open pause ends (clocks that wanted to move meanwhile). */
let whenFree: (() => void)[] = [];

/**
 * Opens a pause; call the function it returns once the work resumes (a second call does
 * nothing). Besides the engine's own pauses, a host that runs work of its own beside
 * executions on a `VirtualClock` (a function invocation, a request being answered) holds
 * time with it while that work is in flight.
 */
export function holdVirtualTime(): () => void {
  openPauses++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    openPauses--;
    if (openPauses === 0 && whenFree.length > 0) {
      const waiting = whenFree;
      whenFree = [];
      for (const callback of waiting) callback();
    }
  };
}

/**
 * Calls `callback` once no pause is open (at once when none is): a clock waits for it
 * instead of looking again every turn of the event loop while work is in flight.
 */
export function whenVirtualTimeFree(callback: () => void): void {
  if (openPauses === 0) callback();
  else whenFree.push(callback);
}

/** Whether some work is paused mid-instant (see {@link holdVirtualTime}). */
export function virtualTimeHeld(): boolean {
  return openPauses > 0;
}
