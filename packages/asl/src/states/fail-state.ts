import type { ActiveState } from '../execution/active-state.js';
import type { Json } from '../json.js';
import { StatesError } from '../states-error.js';
import { effectiveInput } from './data-flow.js';

/**
 * Fail: fails its `States` block with `Error` and `Cause` (constants, JSONPath
 * `ErrorPath` / `CausePath` — paths or intrinsics — or JSONata expressions).
 */
export async function runFailState(run: ActiveState): Promise<never> {
  const state = run.state;
  let error: Json | undefined;
  let cause: Json | undefined;
  if (run.jsonata) {
    error = state.Error === undefined ? undefined : await run.evaluate(state.Error, 'Error');
    cause = state.Cause === undefined ? undefined : await run.evaluate(state.Cause, 'Cause');
  } else {
    const input = effectiveInput(run);
    error =
      state.ErrorPath !== undefined
        ? jsonPathValue(run, state.ErrorPath as string, input, 'ErrorPath')
        : state.Error;
    cause =
      state.CausePath !== undefined
        ? jsonPathValue(run, state.CausePath as string, input, 'CausePath')
        : state.Cause;
  }
  throw new FailStateError(text(error), text(cause));
}

/** A path or an intrinsic function call, as ErrorPath and CausePath accept. */
function jsonPathValue(run: ActiveState, expression: string, input: Json, field: string): Json {
  if (!expression.startsWith('States.')) return run.path(expression, input, field);
  const resolved = run.template({ [`${field}.$`]: expression }, input) as Record<string, Json>;
  return resolved[field] ?? null;
}

function text(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The error a Fail state ends with: neither field may be set. */
export class FailStateError extends StatesError {
  constructor(
    readonly failError: string | undefined,
    readonly failCause: string | undefined,
  ) {
    super(failError ?? '', failCause ?? '');
  }
}
