import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { readPathIfPresent } from '../jsonpath/reference-path.js';
import type { EvaluationScope } from '../scope.js';
import { fieldError, type StatesError } from '../states-error.js';
import { stringMatches } from './string-matches.js';
import { compareInstants, parseTimestamp } from './timestamp.js';

type Predicate = (input: Json, scope: EvaluationScope) => boolean;

// Rules are objects of the parsed definition: compile each once.
const cache = new WeakMap<JsonObject, Predicate>();

/**
 * Whether a JSONPath Choice rule matches: `And`, `Or`, `Not`, or a `Variable` with one
 * comparison operator (String*, Numeric*, BooleanEquals, Timestamp*, their `*Path`
 * forms, StringMatches, IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp).
 *
 * A comparison whose value has the wrong type is false, not an error (every
 * choice_operators recording: `StringEquals` on `0`, `NumericEquals` on `"1"`,
 * `BooleanEquals` on `0`, `TimestampEquals` on `"2023-02-24 12:15:56.832957"`...).
 * `IsX: false` matches every value that is not an X (choice_operators/test_is_boolean#11).
 *
 * @throws StatesError `States.Runtime` when `Variable` (or a `*Path` operand) names
 *   nothing, except for `IsPresent`, which then matches `IsPresent: false`.
 */
export function matchesChoiceRule(rule: JsonObject, input: Json, scope: EvaluationScope): boolean {
  let predicate = cache.get(rule);
  if (predicate === undefined) {
    predicate = compileRule(rule);
    cache.set(rule, predicate);
  }
  return predicate(input, scope);
}

function compileRule(rule: JsonObject): Predicate {
  if (Array.isArray(rule.And)) {
    const rules = rule.And.map(compileNested);
    return (input, scope) => rules.every((r) => r(input, scope));
  }
  if (Array.isArray(rule.Or)) {
    const rules = rule.Or.map(compileNested);
    return (input, scope) => rules.some((r) => r(input, scope));
  }
  if (rule.Not !== undefined) {
    const inner = compileNested(rule.Not);
    return (input, scope) => !inner(input, scope);
  }
  const variable = rule.Variable;
  if (typeof variable !== 'string') throw invalidRule('a rule needs And, Or, Not or Variable');
  for (const [operator, operand] of Object.entries(rule)) {
    const test = compileOperator(operator, operand, variable);
    if (test !== undefined) return test;
  }
  throw invalidRule(`no comparison operator for Variable '${variable}'`);
}

function compileNested(rule: Json): Predicate {
  if (!isJsonObject(rule)) throw invalidRule('a nested rule must be an object');
  return compileRule(rule);
}

/** Compares two values of an operator's type; undefined when either has another type. */
type Comparison = (left: Json, right: Json) => number | undefined;

const COMPARE_BY_TYPE: Readonly<Record<string, Comparison>> = {
  String: (l, r) =>
    typeof l === 'string' && typeof r === 'string' ? (l < r ? -1 : l > r ? 1 : 0) : undefined,
  Numeric: (l, r) => (typeof l === 'number' && typeof r === 'number' ? l - r : undefined),
  Boolean: (l, r) =>
    typeof l === 'boolean' && typeof r === 'boolean' ? (l === r ? 0 : 1) : undefined,
  Timestamp: (l, r) => {
    const a = typeof l === 'string' ? parseTimestamp(l) : undefined;
    const b = typeof r === 'string' ? parseTimestamp(r) : undefined;
    return a === undefined || b === undefined ? undefined : compareInstants(a, b);
  },
};

const RELATIONS: Readonly<Record<string, (order: number) => boolean>> = {
  Equals: (o) => o === 0,
  LessThan: (o) => o < 0,
  GreaterThan: (o) => o > 0,
  LessThanEquals: (o) => o <= 0,
  GreaterThanEquals: (o) => o >= 0,
};

const COMPARISON_OPERATOR =
  /^(String|Numeric|Timestamp|Boolean)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;

const TYPE_TESTS: Readonly<Record<string, (value: Json) => boolean>> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => typeof v === 'string' && parseTimestamp(v) !== undefined,
};

/** The test of one operator key of the rule; undefined for a key that is not an operator. */
function compileOperator(operator: string, operand: Json, variable: string): Predicate | undefined {
  if (operator === 'IsPresent') {
    return (input, scope) => (readPathIfPresent(variable, input, scope) !== undefined) === operand;
  }
  const typeTest = Object.hasOwn(TYPE_TESTS, operator) ? TYPE_TESTS[operator] : undefined;
  if (typeTest !== undefined) {
    return (input, scope) => typeTest(readVariable(variable, input, scope)) === operand;
  }
  if (operator === 'StringMatches') {
    if (typeof operand !== 'string') throw invalidRule('StringMatches needs a string');
    return (input, scope) => {
      const value = readVariable(variable, input, scope);
      return typeof value === 'string' && stringMatches(value, operand);
    };
  }
  const match = COMPARISON_OPERATOR.exec(operator);
  if (match === null) return undefined;
  const [, type, relation, isPath] = match;
  const compare = COMPARE_BY_TYPE[type as string] as Comparison;
  const holds = RELATIONS[relation as string] as (order: number) => boolean;
  if (type === 'Boolean' && relation !== 'Equals') return undefined;
  if (isPath !== undefined) {
    if (typeof operand !== 'string') throw invalidRule(`${operator} needs a path`);
    return (input, scope) => {
      const order = compare(
        readVariable(variable, input, scope),
        readVariable(operand, input, scope),
      );
      return order !== undefined && holds(order);
    };
  }
  return (input, scope) => {
    const order = compare(readVariable(variable, input, scope), operand);
    return order !== undefined && holds(order);
  };
}

function readVariable(path: string, input: Json, scope: EvaluationScope): Json {
  const value = readPathIfPresent(path, input, scope);
  if (value === undefined) {
    // Not in the recordings; the text AWS is reported to give for a missing Variable.
    throw fieldError(
      'States.Runtime',
      `Invalid path '${path}': The choice state's condition path references an invalid value.`,
    );
  }
  return value;
}

function invalidRule(reason: string): StatesError {
  return fieldError('States.Runtime', `Invalid Choice rule: ${reason}`);
}
