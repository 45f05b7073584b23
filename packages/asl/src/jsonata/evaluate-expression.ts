import type { Json } from '../json.js';
import type { EvaluationScope } from '../scope.js';
import { randomFunctions } from './aws-functions.js';
import { compileJsonata } from './compile.js';
import { budgetBinding, STACK_OVERFLOW_MESSAGE } from './evaluation-bounds.js';
import { normaliseJsonataResult, UNSUPPORTED } from './normalise-result.js';
import { withoutPrototypes, withPrototypes } from './own-members.js';
import {
  returnedNothingError,
  threwError,
  unsupportedResultError,
} from './query-evaluation-error.js';
import { NOT_SIMPLE, readSimplePath } from './simple-path.js';

/** The error jsonata threw (a plain object with a code) or any other thrown value. */
function toThrewError(error: unknown, body: string, field: string): Error {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(error);
    if (typeof code === 'string') return threwError(body, field, code, text);
    if (error instanceof RangeError && /call stack/i.test(text)) {
      return threwError(body, field, undefined, STACK_OVERFLOW_MESSAGE);
    }
    return threwError(body, field, undefined, text);
  }
  return threwError(body, field, undefined, String(error));
}

/**
 * Evaluates one JSONata expression body (the text inside `{% %}`) and returns its value as
 * JSON, or throws a `States.QueryEvaluationError` (`StatesError`, `location` set) naming the
 * expression and `field`: when it throws, returns nothing, or returns a non-JSON value.
 *
 * @param body - the expression without `{%` `%}`, trimmed
 * @param states - the `$states` value to bind
 * @param scope - where variables (`$name`) and randomness (`$random`, `$uuid`) come from
 * @param field - the field's path for error texts ('Output/result')
 */
export async function evaluateJsonataBody(
  body: string,
  states: Json,
  scope: EvaluationScope,
  field: string,
): Promise<Json> {
  let raw: unknown;
  let ownOnly = false;
  try {
    ownOnly = compileJsonata(body).readsInheritedMembers;
    raw = await evaluateRaw(body, states, scope, ownOnly);
  } catch (error) {
    throw toThrewError(error, body, field);
  }
  const result = checkedResult(raw, body, field);
  return ownOnly ? withPrototypes(result) : result;
}

/**
 * What the expression evaluates to, before any check; throws what jsonata throws. Not
 * async, so a simple path answers without a promise.
 */
function evaluateRaw(
  body: string,
  states: Json,
  scope: EvaluationScope,
  ownOnly: boolean,
): unknown {
  const compiled = compileJsonata(body);
  if (compiled.simplePath !== undefined) {
    const found = readSimplePath(compiled.simplePath, states, scope);
    if (found !== NOT_SIMPLE) return found;
  }
  // No prototype: a variable named `__proto__` or `toString` is a plain binding. A budget
  // of its own for each evaluation: depth, real time, value size (see JSONATA_BOUNDS).
  const bindings: Record<string, unknown> = Object.assign(
    Object.create(null),
    compiled.usesRandomness ? randomFunctions(scope.random) : undefined,
    budgetBinding(),
  );
  // Own members only: `$states.input.toString` is nothing, as in the JSON it came from.
  const own = ownOnly ? withoutPrototypes : (value: Json) => value;
  bindings.states = own(states);
  // Bound after the functions: a workflow variable shadows a function of the same name.
  for (const name of compiled.variableNames) {
    const value = scope.variables.get(name);
    if (value !== undefined) bindings[name] = own(value);
  }
  // No input document: ASL forbids `$` at the top level, so nothing reads it.
  return compiled.expression.evaluate(undefined, bindings);
}

/** The result as plain JSON, or AWS's error for nothing and for non-JSON values. */
function checkedResult(raw: unknown, body: string, field: string): Json {
  const result = normaliseJsonataResult(raw);
  if (result === undefined) throw returnedNothingError(body, field);
  if (result === UNSUPPORTED) throw unsupportedResultError(body, field);
  return result;
}
