import type { ActiveState } from '../execution/active-state.js';
import type { Json } from '../json.js';
import { fieldError, StatesErrors } from '../states-error.js';
import { effectiveInput } from './data-flow.js';

type TimeoutField = 'TimeoutSeconds' | 'HeartbeatSeconds';

/**
 * A Task's `TimeoutSeconds` or `HeartbeatSeconds`: a constant, a JSONPath `*Path` over
 * the effective input, or a JSONata expression; a positive integer, else the state fails.
 * Synchronous unless a JSONata expression must be evaluated, so that a JSONPath Task records
 * TaskScheduled in the same turn as its Entered event, as AWS orders them.
 */
export function taskSeconds(
  run: ActiveState,
  field: TimeoutField,
): number | undefined | Promise<number | undefined> {
  const state = run.state;
  const value: Json | undefined = state[field];
  if (run.jsonata && typeof value === 'string') {
    return run.evaluate(value, field).then((evaluated) => checked(run, field, evaluated));
  }
  const pathField = `${field}Path`;
  if (!run.jsonata && typeof state[pathField] === 'string') {
    return checked(
      run,
      field,
      run.path(state[pathField] as string, effectiveInput(run), pathField),
    );
  }
  return checked(run, field, value);
}

function checked(
  run: ActiveState,
  field: TimeoutField,
  value: Json | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    const error = fieldError(
      run.jsonata ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime,
      `The ${run.jsonata ? field : `${field}Path`} field must be a positive integer, but was: ${JSON.stringify(value)}`,
    );
    error.location = field;
    throw error;
  }
  return value;
}
