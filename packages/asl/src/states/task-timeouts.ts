import type { StateRun } from '../execution/state-run.js';
import type { Json } from '../json.js';
import { fieldError, StatesErrors } from '../states-error.js';
import { effectiveInput } from './data-flow.js';

/**
 * A Task's `TimeoutSeconds` or `HeartbeatSeconds`: a constant, a JSONPath `*Path` over
 * the effective input, or a JSONata expression; a positive integer, else the state fails.
 */
export async function taskSeconds(
  run: StateRun,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
): Promise<number | undefined> {
  const state = run.state;
  const pathField = `${field}Path`;
  let value: Json | undefined = state[field];
  if (run.jsonata && typeof value === 'string') {
    value = await run.evaluate(value, field);
  } else if (!run.jsonata && typeof state[pathField] === 'string') {
    value = run.path(state[pathField] as string, effectiveInput(run), pathField);
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    const error = fieldError(
      run.jsonata ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime,
      `The ${run.jsonata ? field : pathField} field must be a positive integer, but was: ${JSON.stringify(value)}`,
    );
    error.location = field;
    throw error;
  }
  return value;
}
