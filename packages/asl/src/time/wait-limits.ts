/**
 * The latest instant a Wait may end at: AWS writes times as RFC 3339 with a four-digit year,
 * so 9999-12-31T23:59:59.999Z. A wait past it (`SecondsPath` giving 1e300) would otherwise
 * move a virtual clock beyond what a `Date` holds, and the next event would fail with
 * "Invalid time value".
 */
export const LATEST_WAIT_END_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Java's `Long.MAX_VALUE` (2^63 - 1, which a double rounds to 2^63): AWS reads seconds as a long. */
export const MAX_LONG_SECONDS = 2 ** 63;

/**
 * Why a wait of `waitMs` from `nowMs` cannot be scheduled, or undefined when it can: the
 * text ends the cause of the state's failure.
 */
export function waitEndProblem(nowMs: number, waitMs: number): string | undefined {
  if (nowMs + waitMs <= LATEST_WAIT_END_MS) return undefined;
  return 'the wait would end after 9999-12-31T23:59:59Z, the latest time a Wait state can wait until';
}
