/**
 * The time an execution runs on. The engine never reads the system clock or sets a timer
 * itself, so a test or a conformance run can run a `Wait` of a day in no time.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects (or never resolves) once `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
