import type { Json, JsonObject } from '../json.js';
import type { EvaluationScope } from '../scope.js';
import { evaluateJsonataBody } from './evaluate-expression.js';
import { isJsonataExpression, jsonataExpressionBody } from './expression-syntax.js';

export { isJsonataExpression } from './expression-syntax.js';

/**
 * What `$states` holds in a JSONata field. `result` and `errorOutput` are given only where
 * AWS offers them (a Task/Map/Parallel's Output and Assign; a Catcher's Output and Assign).
 */
export interface JsonataStates {
  /** The state's input. */
  input: Json;
  /** The context object. */
  context: Json;
  /** The task, Map or Parallel result. */
  result?: Json;
  /** The error output `{Error, Cause}` a Catcher handles. */
  errorOutput?: Json;
}

/** Whether a value holds a `{% %}` string at any depth; cached per definition object. */
const holdsExpression = new WeakMap<object, boolean>();

function containsExpression(value: Json): boolean {
  if (typeof value === 'string') return isJsonataExpression(value);
  if (typeof value !== 'object' || value === null) return false;
  const known = holdsExpression.get(value);
  if (known !== undefined) return known;
  const found = Array.isArray(value)
    ? value.some(containsExpression)
    : Object.values(value).some(containsExpression);
  holdsExpression.set(value, found);
  return found;
}

function statesBinding(states: JsonataStates): JsonObject {
  const binding: JsonObject = { input: states.input, context: states.context };
  if (states.result !== undefined) binding.result = states.result;
  if (states.errorOutput !== undefined) binding.errorOutput = states.errorOutput;
  return binding;
}

async function walk(
  value: Json,
  binding: JsonObject,
  scope: EvaluationScope,
  field: string,
): Promise<Json> {
  if (typeof value === 'string') {
    return isJsonataExpression(value)
      ? evaluateJsonataBody(jsonataExpressionBody(value), binding, scope, field)
      : value;
  }
  if (typeof value !== 'object' || value === null || !containsExpression(value)) return value;
  // Members are evaluated one after another, in definition order, so that `$random()` and
  // `$uuid()` draw from the injected source in a reproducible order.
  if (Array.isArray(value)) {
    const items: Json[] = [];
    for (let i = 0; i < value.length; i++) {
      // Array positions are named `[i]` (AWS unconfirmed; keys are recorded as `/key`).
      items.push(await walk(value[i] as Json, binding, scope, `${field}[${i}]`));
    }
    return items;
  }
  const members: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    const evaluated = await walk(member, binding, scope, `${field}/${key}`);
    if (key === '__proto__') {
      Object.defineProperty(members, key, {
        value: evaluated,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      members[key] = evaluated;
    }
  }
  return members;
}

/**
 * Evaluates a JSONata field value: a string `{% expr %}` is evaluated; objects and arrays are
 * walked at any depth and every `{% %}` string in them evaluated; other values are returned
 * as they are. Sub-trees without expressions are returned as they are (not copied), so
 * treat the result as immutable.
 *
 * @param value - the field's value from the definition
 * @param states - what `$states` holds
 * @param scope - variables (`$name`, read with `scope.variables.get`) and randomness
 * @param field - the field's name for error texts ('Arguments', 'Output', 'Assign/x',
 *   'Items', 'Condition', 'Seconds', ...); nested keys are appended as AWS does
 *   ('Arguments/Input/pushLocation')
 * @throws StatesError `States.QueryEvaluationError` (with `location` = the field) when an expression throws,
 *   returns nothing or returns something that is not JSON
 */
export async function evaluateJsonataTemplate(
  value: Json,
  states: JsonataStates,
  scope: EvaluationScope,
  field: string,
): Promise<Json> {
  if (typeof value !== 'object' && !isJsonataExpression(value)) return value;
  return walk(value, statesBinding(states), scope, field);
}
