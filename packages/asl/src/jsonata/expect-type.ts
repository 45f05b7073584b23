import type { Json } from '../json.js';
import { unexpectedTypeError } from './query-evaluation-error.js';

/** The JSON types a field can require of an expression's result. */
export type JsonataExpectedType = 'array' | 'number' | 'string' | 'boolean' | 'object' | 'integer';

/** How AWS names a value's type: 'array', 'object', 'string', 'number', 'boolean', 'null'. */
export function jsonTypeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matches(value: Json, expected: JsonataExpectedType): boolean {
  switch (expected) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === expected;
  }
}

/**
 * Checks that an expression's result has the type its field requires, else throws
 * `States.QueryEvaluationError` with AWS's text, e.g. `The JSONata expression '$ItemsVar'
 * specified for the field 'Items' returned an unexpected result type. Expected 'array', but
 * was 'object' for value: {"foo":"bar"}` (map/test_map_state_items_eval_jsonata_*_fail_*).
 *
 * @param value - the expression's result
 * @param expected - the type the field requires ('integer': a number without a fraction)
 * @param expression - the expression as written, with or without `{% %}`
 * @param field - the field's name ('Items', 'Seconds', ...)
 */
export function expectJsonataType(
  value: Json,
  expected: JsonataExpectedType,
  expression: string,
  field: string,
): void {
  if (matches(value, expected)) return;
  const body =
    expression.startsWith('{%') && expression.endsWith('%}')
      ? expression.slice(2, -2).trim()
      : expression;
  throw unexpectedTypeError(body, field, expected, jsonTypeName(value), JSON.stringify(value));
}
