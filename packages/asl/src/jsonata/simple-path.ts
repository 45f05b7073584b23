import type { Json } from '../json.js';
import { isJsonObject } from '../json.js';
import type { EvaluationScope } from '../scope.js';

/** A `$root.key.key` expression: `$states.input.x` or `$variable.x`. */
export interface SimplePath {
  readonly root: string;
  readonly keys: readonly string[];
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const SIMPLE = new RegExp(`^\\$${NAME}(\\.${NAME})*$`);
/** Words jsonata reads as operators or literals, never as field names. */
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/**
 * The root and keys of an expression that only walks object members from `$states` or a
 * variable, or undefined for any other expression. Such expressions are the most common
 * ones and need not go through jsonata's asynchronous evaluator.
 */
export function parseSimplePath(body: string): SimplePath | undefined {
  if (!SIMPLE.test(body)) return undefined;
  const [root, ...keys] = body.slice(1).split('.');
  if (root === undefined || keys.some((key) => KEYWORDS.has(key))) return undefined;
  return { root, keys };
}

/** Marks a walk the shortcut cannot answer exactly as jsonata would. */
export const NOT_SIMPLE: unique symbol = Symbol('not a simple path');

/**
 * Reads a simple path without jsonata when the answer is certainly the same: every step is
 * an own member of a JSON object and the value found is not an array (jsonata's sequence
 * rules could reshape one) and not missing (so jsonata's error is the one reported).
 */
export function readSimplePath(
  path: SimplePath,
  states: Json,
  scope: EvaluationScope,
): Json | typeof NOT_SIMPLE {
  let value: Json | undefined = path.root === 'states' ? states : scope.variables.get(path.root);
  for (const key of path.keys) {
    if (!isJsonObject(value) || !Object.hasOwn(value, key)) return NOT_SIMPLE;
    value = value[key];
  }
  return value === undefined || Array.isArray(value) ? NOT_SIMPLE : value;
}
