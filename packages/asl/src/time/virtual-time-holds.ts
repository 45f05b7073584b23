/**
 * Work that gives the event loop a turn in the middle of what is one instant in virtual
 * time (an execution paused between slices by its pacer, a long JSONata evaluation pausing
so that a server stays responsive). While any
 * such pause is open, a `VirtualClock` does not move: the pause is not idleness, and a
 * timer firing then (a Task's timeout, TestState's five minutes) would fire too early.
 */
let openPauses = 0;

/** Opens a pause; call the function it returns once the work resumes. */
export function holdVirtualTime(): () => void {
  openPauses++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    openPauses--;
  };
}

/** Whether some work is paused mid-instant (see {@link holdVirtualTime}). */
export function virtualTimeHeld(): boolean {
  return openPauses > 0;
}
