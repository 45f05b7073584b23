import type { Counts } from '../../../src/model/console-wire.js';

/** A page of the console: its element, what it does on new counts, and how it stops. */
export interface Page {
  readonly element: HTMLElement;
  /** The live stream's counts changed (something happened somewhere). */
  onCounts?(counts: Counts): void;
  /** The page is left: stop its timers and streams. */
  close(): void;
}

/** Calls `action` at most once per `ms`, the last call winning. */
export function throttle(action: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  return () => {
    if (timer) {
      pending = true;
      return;
    }
    action();
    timer = setTimeout(function next() {
      timer = undefined;
      if (pending) {
        pending = false;
        action();
        timer = setTimeout(next, ms);
      }
    }, ms);
  };
}
