import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/json.js';
import { applyInputPath, applyOutputPath } from '../../../src/jsonpath/input-output-path.js';
import { applyResultPath } from '../../../src/jsonpath/result-path.js';
import { StatesError } from '../../../src/states-error.js';
import { stubScope } from '../choice/scope-stub.js';

describe('applyResultPath', () => {
  it('defaults to $: the result replaces the input', () => {
    expect(applyResultPath({ a: 1 }, 'r', undefined)).toBe('r');
    expect(applyResultPath({ a: 1 }, 'r', '$')).toBe('r');
  });

  it('null keeps the input', () => {
    const input = { a: 1 };
    expect(applyResultPath(input, 'r', null)).toBe(input);
  });

  it('merges into a copy, creating objects (context_object/test_query_context_object_values)', () => {
    const input = { message: 'TestMessage', keep: { x: 1 } };
    const output = applyResultPath(input, { v: 1 }, '$.query_values_1');
    expect(output).toEqual({ message: 'TestMessage', keep: { x: 1 }, query_values_1: { v: 1 } });
    expect(input).toEqual({ message: 'TestMessage', keep: { x: 1 } });
    expect(applyResultPath({}, 1, '$.a.b.c')).toEqual({ a: { b: { c: 1 } } });
    expect(applyResultPath({ a: { b: 0, k: 2 } }, 1, '$.a.b')).toEqual({ a: { b: 1, k: 2 } });
  });

  it('writes into an existing array element', () => {
    const input = { l: [{ a: 1 }, { a: 2 }] };
    expect(applyResultPath(input, 9, '$.l[1].a')).toEqual({ l: [{ a: 1 }, { a: 9 }] });
    expect(input.l[1]).toEqual({ a: 2 });
  });

  it('fails with States.ResultPathMatchFailure into a non-object', () => {
    const cases: [Json, string][] = [
      ['text', '$.error'],
      [{ a: 5 }, '$.a.b'],
      [{ l: [] }, '$.l[0]'],
    ];
    for (const [input, path] of cases) {
      try {
        applyResultPath(input, 1, path);
        expect.unreachable();
      } catch (error) {
        expect((error as StatesError).error).toBe('States.ResultPathMatchFailure');
      }
    }
  });
});

describe('applyInputPath / applyOutputPath', () => {
  const scope = stubScope({ Execution: { Input: { v: 0 } } });

  it('undefined keeps, null gives {} (jsonpath/test_state_pass_result_null_input_output_paths)', () => {
    const input = { InputValue: 0 };
    expect(applyInputPath(input, undefined, scope)).toBe(input);
    expect(applyInputPath(input, null, scope)).toEqual({});
    expect(applyOutputPath(input, null, scope)).toEqual({});
  });

  it('selects, also from the context object (context_object/test_input_path[$.Execution.Input])', () => {
    expect(applyInputPath({ a: { b: 1 } }, '$.a', scope)).toEqual({ b: 1 });
    expect(applyInputPath({}, '$$.Execution.Input', scope)).toEqual({ v: 0 });
  });

  it('words failures as Jayway (ST.INVALID_JSONPATH_IN_OUTPUTPATH)', () => {
    try {
      applyOutputPath({ 'int-literal': 0 }, '$.NoSuchOutputPath', scope);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StatesError);
      expect((error as StatesError).cause).toBe(
        "Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']",
      );
    }
  });
});

describe('applyResultPath: invalid paths', () => {
  it('rejects paths that are not a Reference Path into the input', () => {
    for (const path of ['$.a[*]', "$['a','b']", '$$.x', '$var.x']) {
      expect(() => applyResultPath({}, 1, path)).toThrow(StatesError);
    }
  });
});
