import type { ActiveState } from '../execution/active-state.js';
import type { Json } from '../json.js';
import { fieldError, StatesErrors } from '../states-error.js';

/** How many iterations may run at once (0: no limit), and how many may fail. */
export interface MapSettings {
  readonly maxConcurrency: number;
  readonly toleratedFailureCount: number;
  readonly toleratedFailurePercentage: number;
}

/** `MaxConcurrency` in any of its forms (0: no limit). */
export async function mapMaxConcurrency(run: ActiveState, input: Json): Promise<number> {
  return (await setting(run, input, 'MaxConcurrency', 'integer')) ?? 0;
}

/** `ToleratedFailureCount` and `ToleratedFailurePercentage` in any of their forms. */
export async function mapTolerance(
  run: ActiveState,
  input: Json,
): Promise<Omit<MapSettings, 'maxConcurrency'>> {
  const toleratedFailureCount = await setting(run, input, 'ToleratedFailureCount', 'integer');
  const toleratedFailurePercentage = await setting(
    run,
    input,
    'ToleratedFailurePercentage',
    'float',
  );
  if (toleratedFailureCount !== undefined && toleratedFailureCount < 0) {
    throw fieldError(StatesErrors.Runtime, 'ToleratedFailureCount cannot be negative.');
  }
  if (
    toleratedFailurePercentage !== undefined &&
    (toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100)
  ) {
    throw fieldError(StatesErrors.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
  }
  return {
    toleratedFailureCount: toleratedFailureCount ?? 0,
    toleratedFailurePercentage: toleratedFailurePercentage ?? 0,
  };
}

/** A numeric field in its literal, `…Path` or JSONata form (undefined when absent). */
export async function setting(
  run: ActiveState,
  input: Json,
  field: string,
  kind: 'integer' | 'float',
): Promise<number | undefined> {
  const state = run.state;
  const pathField = `${field}Path`;
  if (run.jsonata && typeof state[field] === 'string') {
    const value = await run.evaluate(state[field] as string, field);
    if (typeof value !== 'number' || (kind === 'integer' && !Number.isInteger(value))) {
      const error = fieldError(
        StatesErrors.QueryEvaluationError,
        `The ${field} field must be ${kind === 'integer' ? 'an integer' : 'a number'}, but was: ${JSON.stringify(value)}`,
      );
      error.location = field;
      throw error;
    }
    return value;
  }
  if (!run.jsonata && typeof state[pathField] === 'string') {
    const path = state[pathField] as string;
    const value = run.path(path, input, pathField);
    const number =
      typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (Number.isNaN(number) || (kind === 'integer' && !Number.isInteger(number))) {
      const shown = typeof value === 'string' ? value : JSON.stringify(value);
      throw fieldError(
        StatesErrors.Runtime,
        `The ${pathField} field refers to value "${shown}" which is not a valid ${kind}: ${path}`,
      );
    }
    return number;
  }
  const value = state[field];
  return typeof value === 'number' ? value : undefined;
}
