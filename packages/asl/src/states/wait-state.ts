import type { ActiveState } from '../execution/active-state.js';
import { nextOf, type StateOutcome } from '../execution/state-outcome.js';
import type { Json } from '../json.js';
import { fieldError, StatesErrors } from '../states-error.js';
import { MAX_LONG_SECONDS, waitEndProblem } from '../time/wait-limits.js';
import { applyOutputPath, effectiveInput } from './data-flow.js';

// RFC 3339 with an upper-case T and an offset or Z, as AWS accepts it.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a Wait timestamp as AWS does: null when it is not one. */
export function parseWaitTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2016-13-05 or 02-30 over instead of refusing it: compare back.
  const [date] = value.split('T');
  const [year, month, day] = (date as string).split('-').map(Number);
  const check = new Date(Date.UTC(year as number, (month as number) - 1, day as number));
  if (check.getUTCMonth() !== (month as number) - 1 || check.getUTCDate() !== day) return undefined;
  return ms;
}

/** Wait: `Seconds`, `SecondsPath`, `Timestamp`, `TimestampPath` (or JSONata expressions), on the injected clock. */
export async function runWaitState(run: ActiveState): Promise<StateOutcome> {
  const state = run.state;
  const clock = run.frame.run.clock;
  let waitMs = 0;
  let output: Json;
  let assigned: Record<string, Json> | undefined;
  if (run.jsonata) {
    if (state.Seconds !== undefined) {
      const seconds = await run.evaluate(state.Seconds, 'Seconds');
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        throw located(
          fieldError(
            StatesErrors.QueryEvaluationError,
            `The Seconds field must be a non-negative integer but was: ${JSON.stringify(seconds)}`,
          ),
          'Seconds',
        );
      }
      waitMs = seconds * 1000;
      const problem = waitEndProblem(clock.now(), waitMs);
      if (problem !== undefined) {
        // An out-of-range value of a JSONata field is a QueryEvaluationError (AWS's rule).
        throw located(
          fieldError(
            StatesErrors.QueryEvaluationError,
            `The Seconds field cannot be used: ${problem}: ${JSON.stringify(seconds)}`,
          ),
          'Seconds',
        );
      }
    } else if (state.Timestamp !== undefined) {
      const timestamp = await run.evaluate(state.Timestamp, 'Timestamp');
      const at = parseWaitTimestamp(timestamp);
      if (at === undefined) {
        throw located(
          fieldError(
            StatesErrors.QueryEvaluationError,
            `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof timestamp === 'string' ? timestamp : JSON.stringify(timestamp)}`,
          ),
          'Timestamp',
        );
      }
      waitMs = at - clock.now();
    }
    [output, assigned] = await Promise.all([
      state.Output === undefined ? run.input : run.evaluate(state.Output, 'Output'),
      run.assignments(state.Assign, run.input),
    ]);
  } else {
    const input = effectiveInput(run);
    if (typeof state.Seconds === 'number') {
      waitMs = state.Seconds * 1000;
    } else if (typeof state.SecondsPath === 'string') {
      const seconds = run.path(state.SecondsPath, input, 'SecondsPath');
      if (
        typeof seconds !== 'number' ||
        !Number.isInteger(seconds) ||
        seconds < 0 ||
        seconds > MAX_LONG_SECONDS
      ) {
        throw fieldError(
          StatesErrors.Runtime,
          `The SecondsPath parameter cannot be parsed as a long value: ${state.SecondsPath} == ${typeof seconds === 'string' ? seconds : JSON.stringify(seconds)}`,
        );
      }
      waitMs = seconds * 1000;
      const problem = waitEndProblem(clock.now(), waitMs);
      if (problem !== undefined) {
        throw fieldError(
          StatesErrors.Runtime,
          `The SecondsPath parameter cannot be used: ${problem}: ${state.SecondsPath} == ${JSON.stringify(seconds)}`,
        );
      }
    } else if (typeof state.Timestamp === 'string') {
      waitMs = (parseWaitTimestamp(state.Timestamp) ?? clock.now()) - clock.now();
    } else if (typeof state.TimestampPath === 'string') {
      const timestamp = run.path(state.TimestampPath, input, 'TimestampPath');
      const at = parseWaitTimestamp(timestamp);
      if (at === undefined) {
        throw fieldError(
          StatesErrors.Runtime,
          `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${state.TimestampPath} == ${typeof timestamp === 'string' ? timestamp : JSON.stringify(timestamp)}`,
        );
      }
      waitMs = at - clock.now();
    }
    assigned = await run.assignments(state.Assign, input);
    output = applyOutputPath(run, input);
  }
  if (waitMs > 0) await clock.sleep(waitMs, run.frame.signal);
  const next = nextOf(state);
  return { output, ...(next !== undefined ? { next } : {}), ...(assigned ? { assigned } : {}) };
}

function located<T extends { location?: string }>(error: T, location: string): T {
  error.location = location;
  return error;
}
