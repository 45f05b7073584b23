import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/json.js';
import {
  applyPayloadTemplate,
  type IntrinsicEvaluator,
} from '../../../src/jsonpath/payload-template.js';
import { StatesError } from '../../../src/states-error.js';
import { stubScope } from '../choice/scope-stub.js';

const scope = stubScope({ Execution: { Id: 'arn:exec' } }, { theAnswer: 42 });

// A stand-in for src/intrinsics: States.Echo(<path>) returns the path's value.
const fakeIntrinsic: IntrinsicEvaluator = (expression, resolvePath) => {
  const match = /^States\.Echo\((.*)\)$/.exec(expression);
  if (match?.[1] === undefined) throw new Error(`unexpected ${expression}`);
  return { echoed: resolvePath(match[1]) };
};

const apply = (template: Json, input: Json) =>
  applyPayloadTemplate(template, input, scope, fakeIntrinsic);

describe('applyPayloadTemplate', () => {
  it('renames .$ keys and reads $, $$ and variables, at any depth', () => {
    const template = {
      'all.$': '$',
      'id.$': '$$.Execution.Id',
      'answer.$': '$theAnswer',
      nested: { 'x.$': '$.x', list: [{ 'y.$': '$.y' }, 'keep'] },
      constant: 'text',
    };
    expect(apply(template, { x: 1, y: 2 })).toEqual({
      all: { x: 1, y: 2 },
      id: 'arn:exec',
      answer: 42,
      nested: { x: 1, list: [{ y: 2 }, 'keep'] },
      constant: 'text',
    });
  });

  it('keeps Comment keys and static values (comments/test_comment_in_parameters)', () => {
    const template = {
      Comment: 'Comment text',
      comment: 'comment text',
      constant: 'constant text',
    };
    expect(apply(template, {})).toEqual(template);
  });

  it('hands States.* values to the intrinsic evaluator with a path resolver', () => {
    expect(apply({ 'v.$': 'States.Echo($.a)' }, { a: 'A' })).toEqual({ v: { echoed: 'A' } });
  });

  it('array access (jsonpath/test_json_path_array_access[$.items[0]])', () => {
    expect(apply({ 'item.$': '$.items[0]' }, { items: [{ item_key: 0 }] })).toEqual({
      item: { item_key: 0 },
    });
  });

  it('jsonpath/test_state_pass_result_null_input_output_paths: $ of {} is {}', () => {
    expect(apply({ Arg2: 'argument2', 'FromInput.$': '$' }, {})).toEqual({
      Arg2: 'argument2',
      FromInput: {},
    });
  });

  it('names the key in the failure (jsonpath/test_invalid_jsonpath[INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH])', () => {
    try {
      apply({ 'value.$': '$.no_such_jsonpath' }, { 'int-literal': 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StatesError);
      expect((error as StatesError).cause).toBe(
        "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'",
      );
    }
  });

  it('returns primitives as they are and does not mutate the template', () => {
    expect(apply('text', {})).toBe('text');
    const template = { 'a.$': '$.a' };
    apply(template, { a: 1 });
    expect(template).toEqual({ 'a.$': '$.a' });
  });

  it('gives each call a fresh object for dynamic templates', () => {
    const template = { 'a.$': '$.a' };
    expect(apply(template, { a: 1 })).not.toBe(apply(template, { a: 1 }));
  });

  it('keeps __proto__ as a plain key', () => {
    const out = apply(JSON.parse('{"__proto__.$": "$.a"}') as Json, { a: 1 }) as Record<
      string,
      Json
    >;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});
