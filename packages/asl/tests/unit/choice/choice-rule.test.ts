import { describe, expect, it } from 'vitest';
import { matchesChoiceRule } from '../../../src/choice/choice-rule.js';
import type { Json, JsonObject } from '../../../src/json.js';
import { StatesError } from '../../../src/states-error.js';
import { stubScope } from './scope-stub.js';

const scope = stubScope({ Execution: { Input: { 'input-value': 0 } } }, { limit: 10 });

/** A recorded comparison: the operator and its operand, `$.Variable`, the matched branch. */
type Recorded = [
  id: string,
  operator: string,
  operand: Json,
  variable: Json,
  value: Json,
  matches: boolean,
];

// Hand-picked from choice_operators/*: the machines compare `$.Variable` (and `$.Value` for
// the *Path forms) and record which branch ran.
const recorded: Recorded[] = [
  ['test_boolean_equals#32', 'BooleanEquals', true, true, true, true],
  ['test_boolean_equals#35', 'BooleanEquals', false, false, false, true],
  ['test_boolean_equals#2', 'BooleanEquals', true, 0, true, false],
  ['test_boolean_equals#3', 'BooleanEquals', false, 0, false, false],
  ['test_boolean_equals#1', 'BooleanEquals', false, null, false, false],
  ['test_boolean_equals#10', 'BooleanEquals', true, '', true, false],
  ['test_boolean_equals_path#32', 'BooleanEqualsPath', '$.Value', true, true, true],
  ['test_boolean_equals_path#1', 'BooleanEqualsPath', '$.Value', null, false, false],
  ['test_is_boolean#33', 'IsBoolean', true, false, true, true],
  ['test_is_boolean#11', 'IsBoolean', false, '', false, true],
  ['test_is_boolean#35', 'IsBoolean', false, false, false, false],
  ['test_is_null#1', 'IsNull', false, null, false, false],
  ['test_is_null#3', 'IsNull', false, 0, false, true],
  ['test_is_null#28', 'IsNull', true, {}, true, false],
  ['test_is_numeric#4', 'IsNumeric', true, 0, true, true],
  ['test_is_numeric#1', 'IsNumeric', false, null, false, true],
  ['test_is_numeric#22', 'IsNumeric', true, '2023-02-24', true, false],
  ['test_is_present#0', 'IsPresent', true, null, true, true],
  ['test_is_present#1', 'IsPresent', false, null, false, false],
  ['test_is_present#24', 'IsPresent', true, [], true, true],
  ['test_is_string#12', 'IsString', true, ' ', true, true],
  ['test_is_string#25', 'IsString', false, [], false, true],
  ['test_is_string#4', 'IsString', true, 0, true, false],
  ['test_numeric_equals#54', 'NumericEquals', 2.22, 2.22, 2.22, true],
  ['test_numeric_equals#18', 'NumericEquals', 1, 1.1, 1, false],
  ['test_numeric_equals#21', 'NumericEquals', 0, '', 0, false],
  ['test_numeric_equals#44', 'NumericEquals', 0, false, 0, false],
  ['test_numeric_equals#32', 'NumericEquals', 0, [''], 0, false],
  ['test_numeric_equals_path#14', 'NumericEqualsPath', '$.Value', 1, 1, true],
  ['test_numeric_equals_path#40', 'NumericEqualsPath', '$.Value', { A: 0 }, 0, false],
  ['test_numeric_greater_than#4', 'NumericGreaterThan', 0, 1, 0, true],
  ['test_numeric_greater_than#3', 'NumericGreaterThan', 1, 1, 1, false],
  ['test_numeric_greater_than_equals#3', 'NumericGreaterThanEquals', 1, 1, 1, true],
  [
    'test_numeric_greater_than_equals_path#2',
    'NumericGreaterThanEqualsPath',
    '$.Value',
    0,
    1,
    false,
  ],
  ['test_numeric_less_than#5', 'NumericLessThan', 1, 0, 1, true],
  ['test_numeric_less_than_path#3', 'NumericLessThanPath', '$.Value', 1, 1, false],
  ['test_numeric_less_than_equals#4', 'NumericLessThanEquals', 0, 1, 0, false],
  ['test_numeric_less_than_equals_path#0', 'NumericLessThanEqualsPath', '$.Value', 0, 0, true],
  ['test_numeric_greater_than_path#2', 'NumericGreaterThanPath', '$.Value', 0, 1, false],
  ['test_string_equals#15', 'StringEquals', 'Hello', 'Hello', 'Hello', true],
  ['test_string_equals#14', 'StringEquals', '\t\r\n', '\t\n', '\t\r\n', false],
  ['test_string_equals#1', 'StringEquals', 'HelloWorld', 0, 'HelloWorld', false],
  ['test_string_equals_path#2', 'StringEqualsPath', '$.Value', 'Hello', 'Hello', true],
  ['test_string_greater_than#1', 'StringGreaterThan', 'A ', 'A', 'A ', false],
  ['test_string_greater_than_path#3', 'StringGreaterThanPath', '$.Value', 'AB', 'ABC', false],
  ['test_string_greater_than_equals#2', 'StringGreaterThanEquals', 'A', 'AB', 'A', true],
  [
    'test_string_greater_than_equals_path#0',
    'StringGreaterThanEqualsPath',
    '$.Value',
    '',
    '',
    true,
  ],
  ['test_string_less_than#0', 'StringLessThan', '', '', '', false],
  ['test_string_less_than_path#1', 'StringLessThanPath', '$.Value', 'A', 'AB', true],
  ['test_string_less_than_equals#1', 'StringLessThanEquals', 'AB', 'A', 'AB', true],
  ['test_string_less_than_equals_path#2', 'StringLessThanEqualsPath', '$.Value', 'AB', 'A', false],
  [
    'test_timestamp_equals#14',
    'TimestampEquals',
    '2012-10-09T19:00:55Z',
    '2012-10-09T19:00:55Z',
    '',
    true,
  ],
  [
    'test_timestamp_equals#7',
    'TimestampEquals',
    '2012-10-09T19:00:55Z',
    '2023-02-24 12:15:56.832957',
    '',
    false,
  ],
  ['test_timestamp_equals#13', 'TimestampEquals', '2012-10-09T19:00:55Z', true, '', false],
  [
    'test_timestamp_equals_path#1',
    'TimestampEqualsPath',
    '$.Value',
    '2012-10-09T19:00:55Z',
    '2012-10-09T19:00:56Z',
    false,
  ],
  [
    'test_timestamp_greater_than#2',
    'TimestampGreaterThan',
    '2012-10-09T19:00:55Z',
    '2012-10-09T19:00:56Z',
    '',
    true,
  ],
  [
    'test_timestamp_greater_than_equals#0',
    'TimestampGreaterThanEquals',
    '2012-10-09T19:00:55Z',
    '2012-10-09T19:00:55Z',
    '',
    true,
  ],
  [
    'test_timestamp_greater_than_equals_path#0',
    'TimestampGreaterThanEqualsPath',
    '$.Value',
    '2012-10-09T19:00:55Z',
    '2012-10-09T19:00:56Z',
    false,
  ],
  [
    'test_timestamp_less_than#2',
    'TimestampLessThan',
    '2012-10-09T19:00:55Z',
    '2012-10-09T19:00:56Z',
    '',
    false,
  ],
  [
    'test_timestamp_less_than_path#0',
    'TimestampLessThanPath',
    '$.Value',
    '2012-10-09T19:00:56Z',
    '2012-10-09T19:00:55Z',
    false,
  ],
  [
    'test_timestamp_less_than_equals#1',
    'TimestampLessThanEquals',
    '2012-10-09T19:00:56Z',
    '2012-10-09T19:00:55Z',
    '',
    true,
  ],
  [
    'test_timestamp_less_than_equals_path#0',
    'TimestampLessThanEqualsPath',
    '$.Value',
    '2012-10-09T19:00:56Z',
    '2012-10-09T19:00:55Z',
    false,
  ],
];

describe('matchesChoiceRule: recorded comparisons (choice_operators)', () => {
  it.each(recorded)('%s: %s %j on %j', (_id, operator, operand, variable, value, matches) => {
    const rule: JsonObject = { Variable: '$.Variable', [operator]: operand, Next: 'X' };
    expect(matchesChoiceRule(rule, { Variable: variable, Value: value }, scope)).toBe(matches);
  });
});

describe('matchesChoiceRule: composition and sources', () => {
  it('a singleton And (choice/test_choice_singleton_composite)', () => {
    const rule = { And: [{ Variable: '$.type', StringEquals: 'Public' }], Next: 'Public' };
    expect(matchesChoiceRule(rule, { type: 'Public', value: 22 }, scope)).toBe(true);
  });

  it('Or and Not', () => {
    const rule: JsonObject = {
      Or: [
        { Variable: '$.a', NumericGreaterThan: 5 },
        { Not: { Variable: '$.b', IsPresent: true } },
      ],
    };
    expect(matchesChoiceRule(rule, { a: 1, b: 1 }, scope)).toBe(false);
    expect(matchesChoiceRule(rule, { a: 6, b: 1 }, scope)).toBe(true);
    expect(matchesChoiceRule(rule, { a: 1 }, scope)).toBe(true);
  });

  it('keys in any order (choice/test_choice_unsorted_parameters_positive)', () => {
    const rule = { BooleanEquals: true, Next: 'FinishTrue', Variable: '$.result.done' };
    expect(matchesChoiceRule(rule, { result: { done: true } }, scope)).toBe(true);
  });

  it('reads $$ and variables (context_object/test_variable)', () => {
    const fromContext = { Variable: '$$.Execution.Input.input-value', NumericLessThanEquals: 0 };
    expect(matchesChoiceRule(fromContext, {}, scope)).toBe(true);
    expect(matchesChoiceRule({ Variable: '$limit', NumericEquals: 10 }, {}, scope)).toBe(true);
    expect(
      matchesChoiceRule({ Variable: '$.n', NumericLessThanPath: '$limit' }, { n: 3 }, scope),
    ).toBe(true);
  });

  it('IsPresent false on a missing field matches; other operators fail', () => {
    expect(matchesChoiceRule({ Variable: '$.missing', IsPresent: false }, {}, scope)).toBe(true);
    expect(matchesChoiceRule({ Variable: '$.missing', IsPresent: true }, {}, scope)).toBe(false);
    try {
      matchesChoiceRule({ Variable: '$.missing', StringEquals: 'x' }, {}, scope);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StatesError);
      expect((error as StatesError).error).toBe('States.Runtime');
      expect((error as StatesError).cause).toBe(
        "Invalid path '$.missing': The choice state's condition path references an invalid value.",
      );
    }
  });

  it('StringMatches with * and escapes', () => {
    const match = (pattern: string, value: string) =>
      matchesChoiceRule({ Variable: '$.v', StringMatches: pattern }, { v: value }, scope);
    expect(match('log-*.txt', 'log-2024.txt')).toBe(true);
    expect(match('log-*.txt', 'log-2024.txt.gz')).toBe(false);
    expect(match('*', '')).toBe(true);
    expect(match('a\\*b', 'a*b')).toBe(true);
    expect(match('a\\*b', 'axb')).toBe(false);
    expect(match('a\\\\b', 'a\\b')).toBe(true);
    expect(match('(x).+', '(x).+')).toBe(true);
    expect(matchesChoiceRule({ Variable: '$.v', StringMatches: '*' }, { v: 1 }, scope)).toBe(false);
  });

  it('IsTimestamp', () => {
    const isTimestamp = (v: Json) =>
      matchesChoiceRule({ Variable: '$.v', IsTimestamp: true }, { v }, scope);
    expect(isTimestamp('2016-03-14T01:59:00Z')).toBe(true);
    expect(isTimestamp('2016-03-14T01:59:00.123+01:00')).toBe(true);
    expect(isTimestamp('2016-03-14T01:59:00')).toBe(false);
    expect(isTimestamp('2016-03-14')).toBe(false);
    expect(isTimestamp(0)).toBe(false);
  });

  it('timestamps compare as instants, across offsets and to the nanosecond', () => {
    const equals = (a: string, b: string) =>
      matchesChoiceRule({ Variable: '$.v', TimestampEquals: b }, { v: a }, scope);
    expect(equals('2012-10-09T19:00:55Z', '2012-10-09T20:00:55+01:00')).toBe(true);
    expect(equals('2012-10-09T19:00:55.000000001Z', '2012-10-09T19:00:55Z')).toBe(false);
    expect(equals('2012-10-09T19:00:55.5Z', '2012-10-09T19:00:55.500Z')).toBe(true);
  });
});
