import type { TraceObserver } from './trace-step.js';

const observers = new Set<TraceObserver>();

/**
 * Receive the steps of every test execution started from now on, in this process (a
 * coverage collector or a reporter); returns the function that stops it.
 */
export function observeExecutions(observer: TraceObserver): () => void {
  observers.add(observer);
  return () => {
    observers.delete(observer);
  };
}

/** The observers every execution starts with. */
export function globalObservers(): readonly TraceObserver[] {
  return observers.size === 0 ? NONE : [...observers];
}

const NONE: readonly TraceObserver[] = [];
