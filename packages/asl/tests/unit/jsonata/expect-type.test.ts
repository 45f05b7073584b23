import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/json.js';
import { expectJsonataType, jsonTypeName } from '../../../src/jsonata/expect-type.js';
import { StatesError } from '../../../src/states-error.js';

function causeOf(
  value: Json,
  expected: Parameters<typeof expectJsonataType>[1],
  expression: string,
) {
  try {
    expectJsonataType(value, expected, expression, 'Items');
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    const e = error as StatesError;
    expect(e.error).toBe('States.QueryEvaluationError');
    expect(e.location).toBe('Items');
    return e.cause;
  }
  return undefined;
}

describe('expectJsonataType (map/test_map_state_items_eval_jsonata_*fail_*)', () => {
  it.each([
    [true, 'true', "but was 'boolean' for value: true"],
    [null, 'null', "but was 'null' for value: null"],
    [1, '1', "but was 'number' for value: 1"],
    ['string', "'string'", `but was 'string' for value: "string"`],
    [{ foo: 'bar' }, '$ItemsVar', `but was 'object' for value: {"foo":"bar"}`],
  ] as const)('%j', (value, expression, tail) => {
    expect(causeOf(value, 'array', expression)).toBe(
      `The JSONata expression '${expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', ${tail}`,
    );
  });

  it('accepts the expression with its {% %} delimiters', () => {
    expect(causeOf(1, 'array', '{% 1 %}')).toContain("The JSONata expression '1' specified");
  });

  it('passes matching values', () => {
    expect(causeOf([], 'array', 'x')).toBeUndefined();
    expect(causeOf({}, 'object', 'x')).toBeUndefined();
    expect(causeOf(3, 'integer', 'x')).toBeUndefined();
    expect(causeOf(3.5, 'number', 'x')).toBeUndefined();
    expect(causeOf('s', 'string', 'x')).toBeUndefined();
    expect(causeOf(false, 'boolean', 'x')).toBeUndefined();
  });

  it('refuses a fraction where an integer is expected', () => {
    expect(causeOf(1.5, 'integer', 'x')).toContain(
      "Expected 'integer', but was 'number' for value: 1.5",
    );
    expect(causeOf([], 'object', 'x')).toContain("but was 'array'");
  });

  it('names types as AWS does', () => {
    expect([null, true, 1, 's', [], {}].map(jsonTypeName)).toEqual([
      'null',
      'boolean',
      'number',
      'string',
      'array',
      'object',
    ]);
  });
});
