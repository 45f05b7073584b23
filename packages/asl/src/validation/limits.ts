import { schemaError, type ValidationContext } from './context.js';
import { isRfc3339 } from './timestamp.js';

/** The largest Seconds, TimeoutSeconds, HeartbeatSeconds, IntervalSeconds AWS accepts. */
export const MAX_SECONDS = 99999999;

/** A JSONata expression string: it is checked when evaluated, not at create time. */
function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('{%');
}

/**
 * Checks that `state[field]`, when present, is an integer within [min, max]; a JSONata
 * expression is let through (it is range-checked when evaluated).
 */
export function checkIntegerField(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
  location: string,
): void {
  if (!(field in state)) return;
  const value = state[field];
  if (isExpression(value)) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    schemaError(ctx, `The value of '${field}' must be an integer`, `${location}/${field}`);
  } else if (value < min || value > max) {
    schemaError(
      ctx,
      `The value of '${field}' must be between ${min} and ${max}, got ${value}`,
      `${location}/${field}`,
    );
  }
}

/** A value and its `*Path` form cannot both be given. */
export function checkExclusive(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  fields: readonly string[],
  location: string,
): void {
  const given = fields.filter((f) => f in state);
  if (given.length > 1) {
    schemaError(ctx, `Only one of these fields can be given: [${given.join(', ')}]`, location);
  }
}

/** Task TimeoutSeconds/HeartbeatSeconds: positive integers, heartbeat below timeout. */
export function checkTaskTimeouts(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  location: string,
): void {
  checkIntegerField(ctx, state, 'TimeoutSeconds', 1, MAX_SECONDS, location);
  checkIntegerField(ctx, state, 'HeartbeatSeconds', 1, MAX_SECONDS, location);
  checkExclusive(ctx, state, ['TimeoutSeconds', 'TimeoutSecondsPath'], location);
  checkExclusive(ctx, state, ['HeartbeatSeconds', 'HeartbeatSecondsPath'], location);
  const { TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat } = state;
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    schemaError(
      ctx,
      `'HeartbeatSeconds' (${heartbeat}) must be smaller than 'TimeoutSeconds' (${timeout})`,
      `${location}/HeartbeatSeconds`,
    );
  }
}

const WAIT_FIELDS = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'];

/** Wait: exactly one of the four fields, Seconds in range, Timestamp RFC3339. */
export function checkWait(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  location: string,
): void {
  const given = WAIT_FIELDS.filter((f) => f in state);
  if (given.length !== 1) {
    schemaError(
      ctx,
      `Exactly one of these fields must be given: [${WAIT_FIELDS.join(', ')}]${given.length > 1 ? `, got [${given.join(', ')}]` : ''}`,
      location,
    );
  }
  checkIntegerField(ctx, state, 'Seconds', 0, MAX_SECONDS, location);
  const ts = state.Timestamp;
  if ('Timestamp' in state && !isExpression(ts) && !(typeof ts === 'string' && isRfc3339(ts))) {
    // Recorded wording (wait/test_wait_timestamp_invalid[*]).
    schemaError(ctx, 'String does not match RFC3339 timestamp', `${location}/Timestamp`);
  }
}

/** Map: MaxConcurrency ≥ 0, ToleratedFailurePercentage 0–100, ToleratedFailureCount ≥ 0. */
export function checkMapLimits(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  location: string,
): void {
  checkIntegerField(ctx, state, 'MaxConcurrency', 0, Number.MAX_SAFE_INTEGER, location);
  checkIntegerField(ctx, state, 'ToleratedFailureCount', 0, Number.MAX_SAFE_INTEGER, location);
  checkExclusive(ctx, state, ['MaxConcurrency', 'MaxConcurrencyPath'], location);
  checkExclusive(ctx, state, ['ToleratedFailureCount', 'ToleratedFailureCountPath'], location);
  checkExclusive(
    ctx,
    state,
    ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'],
    location,
  );
  const pct = state.ToleratedFailurePercentage;
  if ('ToleratedFailurePercentage' in state && !isExpression(pct)) {
    if (typeof pct !== 'number' || pct < 0 || pct > 100) {
      schemaError(
        ctx,
        "The value of 'ToleratedFailurePercentage' must be a number between 0 and 100",
        `${location}/ToleratedFailurePercentage`,
      );
    }
  }
}
