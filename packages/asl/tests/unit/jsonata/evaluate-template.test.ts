import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/json.js';
import {
  evaluateJsonataTemplate,
  isJsonataExpression,
} from '../../../src/jsonata/evaluate-template.js';
import { StatesError } from '../../../src/states-error.js';
import { fakeScope } from './fake-scope.js';

const states = {
  input: { a: 1, list: [1, 2, 3], one: [5], s: 'abc' },
  context: { State: { Name: 'S' } },
};

async function run(
  value: Json,
  variables: Record<string, Json> = {},
  field = 'Output',
): Promise<Json> {
  return evaluateJsonataTemplate(value, states, fakeScope(variables), field);
}

async function failure(value: Json, field = 'Output', variables: Record<string, Json> = {}) {
  try {
    await run(value, variables, field);
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    const e = error as StatesError;
    return { error: e.error, cause: e.cause, location: e.location, inState: e.inState };
  }
  throw new Error('expected a failure');
}

describe('isJsonataExpression', () => {
  it('accepts only {% ... %} with nothing outside', () => {
    expect(isJsonataExpression('{% 1 %}')).toBe(true);
    expect(isJsonataExpression('{%1%}')).toBe(true);
    expect(isJsonataExpression(' {% 1 %}')).toBe(false);
    expect(isJsonataExpression('{% 1 %} ')).toBe(false);
    expect(isJsonataExpression('{% 1')).toBe(false);
    expect(isJsonataExpression('{%%')).toBe(false);
    expect(isJsonataExpression(1)).toBe(false);
  });
});

describe('evaluateJsonataTemplate', () => {
  it('returns non-expression values as they are', async () => {
    expect(await run(1)).toBe(1);
    expect(await run(null)).toBeNull();
    expect(await run('plain')).toBe('plain');
    // escapes/…: a string that is not exactly {% %} is a literal
    expect(await run(' {% states.input %} ')).toBe(' {% states.input %} ');
    const constant = { a: [1, { b: 'x' }] };
    expect(await run(constant)).toBe(constant);
  });

  it('evaluates expressions at any depth (jsonata/test_base_cases_BASE_EXPR)', async () => {
    expect(
      await run({
        x: '{% $states.input.a + 1 %}',
        deep: [{ y: '{% $states.input.s %}' }, 'lit'],
        k: 2,
      }),
    ).toEqual({ x: 2, deep: [{ y: 'abc' }, 'lit'], k: 2 });
  });

  it('binds $states.input and $states.context, result and errorOutput only when given', async () => {
    expect(await run('{% $states.context.State.Name %}')).toBe('S');
    expect(await run('{% $exists($states.result) %}')).toBe(false);
    expect(await run('{% $exists($states.errorOutput) %}')).toBe(false);
    const withResult = { ...states, result: { r: 1 }, errorOutput: { Error: 'E', Cause: 'C' } };
    expect(
      await evaluateJsonataTemplate('{% $states.result.r %}', withResult, fakeScope(), 'Output'),
    ).toBe(1);
    expect(
      await evaluateJsonataTemplate(
        '{% $states.errorOutput.Error %}',
        withResult,
        fakeScope(),
        'Output',
      ),
    ).toBe('E');
  });

  it('binds workflow variables as $name (variables/*)', async () => {
    expect(await run('{% $x & "-" & $y.z %}', { x: 'a', y: { z: 'b' } })).toBe('a-b');
    // escapes/test_escape_sequence_parsing_ESCAPE_SEQUENCES_JSONATA_COMPARISON_ASSIGN
    expect(await run(`{% $var = '"' %}`, { var: '"' })).toBe(true);
  });

  it('keeps `:=` bindings inside the expression', async () => {
    expect(await run('{% ($x := 5; $x * 2) %}', { x: 1 })).toBe(10);
  });

  it('returns plain JSON arrays, without jsonata sequence flags', async () => {
    const result = await run('{% $states.input.list.($ * 2) %}');
    expect(result).toStrictEqual([2, 4, 6]);
    expect(Object.keys(result as object)).toEqual(['0', '1', '2']);
    // a singleton sequence is unwrapped, as jsonata does
    expect(await run('{% $states.input.list[0] %}')).toBe(1);
    // jsonata/test_base_output_any_non_dict_LIST_EMPY
    expect(await run('{% [] %}')).toEqual([]);
  });

  it('turns -0 into 0 (jsonata/test_parse#exec_hist_resp_0)', async () => {
    expect(Object.is(await run('{% $parse("-0") %}'), 0)).toBe(true);
  });

  it('fails when an expression returns nothing (variables/test_undefined_reference_*)', async () => {
    expect(await failure('{% $doesNotExist %}')).toEqual({
      error: 'States.QueryEvaluationError',
      cause:
        "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).",
      location: 'Output',
      inState: true,
    });
    expect((await failure({ result: '{% $doesNotExist %}' }, 'Assign')).cause).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).",
    );
    expect(
      (await failure({ Input: { pushLocation: '{% $states.input.pushLocation %}' } }, 'Arguments'))
        .location,
    ).toBe('Arguments/Input/pushLocation');
  });

  it('names array positions [i] (AWS unconfirmed)', async () => {
    expect((await failure({ list: [1, '{% $nope %}'] })).location).toBe('Output/list[1]');
  });

  it('fails on results JSON cannot hold (map/test_map_state_items_eval_jsonata_fail_function)', async () => {
    expect((await failure('{% $fn := function($x){$x} %}', 'Items')).cause).toBe(
      "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.",
    );
    expect((await failure('{% $sum %}')).cause).toContain('returned an unsupported result type.');
    expect((await failure('{% 1/0 %}')).cause).toContain('returned an unsupported result type.');
    expect((await failure('{% {"f": function(){1}} %}')).cause).toContain(
      'returned an unsupported result type.',
    );
  });

  it('reports jsonata runtime errors with their code (floci-io/floci#2736, AWS-measured)', async () => {
    expect((await failure('{% 1 + "a" %}')).cause).toBe(
      `The JSONata expression '1 + "a"' specified for the field 'Output' threw an error during evaluation. T2002: The right side of the "+" operator must evaluate to a number`,
    );
    expect((await failure('{% $sum(1, 2) %}')).cause).toBe(
      `The JSONata expression '$sum(1, 2)' specified for the field 'Output' threw an error during evaluation. T0410: Argument 2 of function "sum" does not match function signature`,
    );
  });

  it('reports syntax errors the same way', async () => {
    const { cause, error } = await failure('{% 1 + %}');
    expect(error).toBe('States.QueryEvaluationError');
    expect(cause).toBe(
      "The JSONata expression '1 +' specified for the field 'Output' threw an error during evaluation. S0207: Unexpected end of expression",
    );
  });

  it('does not offer $eval (floci-io/floci#2737: T1006 on AWS)', async () => {
    expect((await failure('{% $eval("1+1") %}')).cause).toBe(
      `The JSONata expression '$eval("1+1")' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function`,
    );
  });

  it('reuses the compiled expression across evaluations', async () => {
    for (let i = 0; i < 3; i++) expect(await run('{% $states.input.a %}')).toBe(1);
  });
});

describe('simple paths (evaluated without jsonata)', () => {
  it('agree with jsonata on members, arrays and missing values', async () => {
    expect(await run('{% $states.input.a %}')).toBe(1);
    expect(await run('{% $states.input.list %}')).toStrictEqual([1, 2, 3]);
    expect(await run('{% $states.input.one %}')).toStrictEqual([5]);
    expect(await run('{% $v.deep.x %}', { v: { deep: { x: 'y' } } })).toBe('y');
    // a member of each array item: jsonata's mapping, not a plain member read
    expect(await run('{% $v.items.id %}', { v: { items: [{ id: 1 }, { id: 2 }] } })).toStrictEqual([
      1, 2,
    ]);
    expect((await failure('{% $states.input.missing %}')).cause).toContain(
      'returned nothing (undefined).',
    );
    expect((await failure('{% $states.input.constructor %}')).cause).toContain('returned');
  });
});

describe('jsonataSyntaxError', () => {
  it('returns the parse error, or undefined', async () => {
    const { jsonataSyntaxError } = await import('../../../src/jsonata/syntax-check.js');
    expect(jsonataSyntaxError('$states.input')).toBeUndefined();
    expect(jsonataSyntaxError('1 +')).toEqual({
      code: 'S0207',
      message: 'Unexpected end of expression',
    });
  });
});
