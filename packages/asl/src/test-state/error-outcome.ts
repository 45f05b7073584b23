import { type Catcher, RETRYABLE_TYPES, type Retrier } from '../definition.js';
import type { ActiveState } from '../execution/active-state.js';
import { errorMatches, findRetrier, retryDelayMs } from '../execution/error-matching.js';
import { caught } from '../execution/state-lifecycle.js';
import type { StateOutcome } from '../execution/state-outcome.js';
import type { StatesError } from '../states-error.js';
import type { InspectionErrorDetails, TestStateStatus } from './types.js';

/** What TestState makes of a state's error: retried, caught, or failed. */
export type ErrorOutcome =
  | { readonly status: 'RETRIABLE'; readonly details: InspectionErrorDetails }
  | {
      readonly status: 'CAUGHT_ERROR';
      readonly details: InspectionErrorDetails;
      readonly outcome: StateOutcome;
    }
  | { readonly status: 'FAILED'; readonly details?: InspectionErrorDetails };

/**
 * The first matching retrier decides while it has attempts left (`retrierRetryCount` of
 * them used: RETRIABLE, with the backoff of the next retry); then the first matching
 * catcher (CAUGHT_ERROR, its output and `Next`); else FAILED. Recorded: a retrier without
 * attempts left still shows its `retryIndex`.
 */
export async function errorOutcome(
  run: ActiveState,
  error: StatesError,
  retrierRetryCount: number,
  random: () => number,
): Promise<ErrorOutcome & { status: TestStateStatus }> {
  if (!RETRYABLE_TYPES.has(run.state.Type)) return { status: 'FAILED' };
  let details: InspectionErrorDetails = {};
  const found = findRetrier(run.state.Retry as Retrier[] | undefined, error.error);
  if (found) {
    details = { retryIndex: found.index };
    if (retrierRetryCount < (found.retrier.MaxAttempts ?? 3)) {
      const delay = retryDelayMs(found.retrier, retrierRetryCount + 1, random);
      return {
        status: 'RETRIABLE',
        details: { ...details, retryBackoffIntervalSeconds: delay / 1000 },
      };
    }
  }
  const catchers = (run.state.Catch as Catcher[] | undefined) ?? [];
  const catchIndex = catchers.findIndex((catcher) =>
    errorMatches(catcher.ErrorEquals, error.error),
  );
  if (catchIndex >= 0) {
    const outcome = await caught(run, catchers[catchIndex] as Catcher, error);
    return { status: 'CAUGHT_ERROR', details: { ...details, catchIndex }, outcome };
  }
  return found ? { status: 'FAILED', details } : { status: 'FAILED' };
}
