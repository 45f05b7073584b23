import type { Context } from 'aws-lambda';
import { TimeRunningOutError } from './errors.js';

/**
 * Watches the invocation's remaining time: says whether a record may still start, and
 * aborts a signal when the remaining time drops below the margin.
 */
export interface TimeGuard {
  /** Aborts (reason: {@link TimeRunningOutError}) when less than the margin is left. */
  readonly signal: AbortSignal;
  /** Whether more than the margin is left, so a record may start. */
  canStart(): boolean;
  /** Stops the timer; call it when the batch is done. */
  dispose(): void;
}

const NEVER: AbortSignal = new AbortController().signal;
const UNGUARDED: TimeGuard = Object.freeze({
  signal: NEVER,
  canStart: () => true,
  dispose: () => {},
});

/**
 * A {@link TimeGuard} for one invocation. Without `context.getRemainingTimeInMillis`
 * (e.g. a test calling the handler with a plain object) there is no guard.
 */
export function createTimeGuard(
  context: Partial<Context> | undefined,
  marginMs: number,
): TimeGuard {
  const remaining = context?.getRemainingTimeInMillis;
  if (typeof remaining !== 'function') return UNGUARDED;
  const getRemaining = () => remaining.call(context);
  const controller = new AbortController();
  const fire = () => controller.abort(new TimeRunningOutError(Math.max(0, getRemaining())));
  const delay = getRemaining() - marginMs;
  let timer: NodeJS.Timeout | undefined;
  if (delay <= 0) fire();
  else timer = setTimeout(fire, delay);
  return {
    signal: controller.signal,
    canStart: () => !controller.signal.aborted && getRemaining() > marginMs,
    dispose: () => clearTimeout(timer),
  };
}
