import type { Catcher, Retrier } from '../definition.js';
import { StatesErrors } from '../states-error.js';

/**
 * Whether an `ErrorEquals` list matches `error`. `States.ALL` matches every error but
 * `States.Runtime` (never retried or caught); `States.TaskFailed` every error but
 * `States.Timeout` (and `States.Runtime`).
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (error === StatesErrors.Runtime) return false;
  for (const name of errorEquals) {
    if (name === error) return true;
    if (name === StatesErrors.ALL) return true;
    if (name === StatesErrors.TaskFailed && error !== StatesErrors.Timeout) return true;
  }
  return false;
}

/** The first retrier that matches, with its index. */
export function findRetrier(
  retriers: readonly Retrier[] | undefined,
  error: string,
): { retrier: Retrier; index: number } | undefined {
  if (!retriers) return undefined;
  for (let index = 0; index < retriers.length; index++) {
    const retrier = retriers[index] as Retrier;
    if (errorMatches(retrier.ErrorEquals, error)) return { retrier, index };
  }
  return undefined;
}

/** The first catcher that matches. */
export function findCatcher(
  catchers: readonly Catcher[] | undefined,
  error: string,
): Catcher | undefined {
  return catchers?.find((catcher) => errorMatches(catcher.ErrorEquals, error));
}

/**
 * The wait before retry number `attempt` (1 for the first retry), in ms:
 * IntervalSeconds × BackoffRate^(attempt-1), capped by MaxDelaySeconds, drawn uniformly
 * from [0, that] with JitterStrategy FULL.
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const backoff = retrier.BackoffRate ?? 2;
  let seconds = interval * backoff ** (attempt - 1);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds *= random();
  return Math.round(seconds * 1000);
}
