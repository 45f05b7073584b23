import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/json.js';
import {
  isReferencePath,
  jsonPathSyntaxProblem,
  readPath,
  readPathIfPresent,
} from '../../../src/jsonpath/reference-path.js';
import { StatesError } from '../../../src/states-error.js';
import { stubScope } from '../choice/scope-stub.js';

const scope = stubScope(
  { Execution: { Input: { 'int-literal': 0 }, Id: 'arn:exec' }, State: { Name: 'pass' } },
  { answer: { value: 42, list: [1, 2] }, flag: false },
);

function failure(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError');
}

const items = Array.from({ length: 11 }, (_, i) => ({ item_key: i }));

describe('readPath: values', () => {
  it.each<[string, Json, Json]>([
    ['$', { a: 1 }, { a: 1 }],
    ['$.a.b', { a: { b: 'x' } }, 'x'],
    ["$['name with space']", { 'name with space': 1 }, 1],
    ['$["double"]', { double: 2 }, 2],
    ['$.delivery-partner', { 'delivery-partner': 'ups' }, 'ups'],
    ['$.a.null', { a: { null: null } }, null],
    // jsonpath/test_json_path_array_access[$.items[0]] and [$.items[10]]
    ['$.items[0]', { items }, { item_key: 0 }],
    ['$.items[10]', { items }, { item_key: 10 }],
    ['$.items[-1]', { items }, { item_key: 10 }],
    ['$[1]', ['a', 'b'], 'b'],
    ['$.items.length()', { items }, 11],
    // An indefinite path gives an array, even of one match.
    ['$.items[1:3].item_key', { items }, [1, 2]],
    ['$.items[:2]', { items }, [{ item_key: 0 }, { item_key: 1 }]],
    ['$.items[9:]', { items }, [{ item_key: 9 }, { item_key: 10 }]],
    ['$.items[-2:]', { items }, [{ item_key: 9 }, { item_key: 10 }]],
    ['$.items[0,2].item_key', { items }, [0, 2]],
    ['$.o.*', { o: { a: 1, b: 2 } }, [1, 2]],
    ['$.o[*]', { o: { a: 1, b: 2 } }, [1, 2]],
    ['$..id', { id: 1, a: { id: 2, b: [{ id: 3 }] } }, [1, 2, 3]],
    ["$['a','b']", { a: 1, b: 2, c: 3 }, { a: 1, b: 2 }],
    ['$.items[?(@.item_key > 8)].item_key', { items }, [9, 10]],
    ["$.l[?(@.t == 'x' && @.n)].n", { l: [{ t: 'x', n: 1 }, { t: 'y', n: 2 }, { t: 'x' }] }, [1]],
    ['$.l[?(@.n >= $.min)].n', { min: 2, l: [{ n: 1 }, { n: 2 }, { n: 3 }] }, [2, 3]],
    // jsonpath/test_json_path_array_wildcard_or_slice_with_no_input: no match is [], not an error.
    ['$.item.items[*]', {}, []],
    ['$.item.items[:1]', {}, []],
    ['$.item.items[1:5].itemValue', {}, []],
    ['$.items[*].itemValue', {}, []],
    // A dot before a bracket, as Jayway (and so AWS) reads it; from AWS's public samples.
    ['$.[0].body', [{ body: 'b0' }, { body: 'b1' }], 'b0'],
    ['$.[*].body', [{ body: 'b0' }, { body: 'b1' }], ['b0', 'b1']],
    ["$.[*].['bucket', 'key']", [{ bucket: 'b', key: 'k', x: 1 }], [{ bucket: 'b', key: 'k' }]],
    ["$.detail.['object']", { detail: { object: { key: 'k' } } }, { key: 'k' }],
    ['$.a.[1:]', { a: [1, 2, 3] }, [2, 3]],
    ['$.a.[?(@ > 1)]', { a: [1, 2, 3] }, [2, 3]],
  ])('%s', (path, value, expected) => {
    expect(readPath(path, value, scope, 'value.$')).toEqual(expected);
  });

  it('reads the context object with $$ (context_object/test_input_path[$$])', () => {
    expect(readPath('$$.Execution.Id', {}, scope, 'InputPath')).toBe('arn:exec');
    expect(readPath('$$', {}, scope, 'InputPath')).toBe(scope.context);
  });

  it('reads variables with $name (variables/test_reference_assign)', () => {
    expect(readPath('$answer.value', {}, scope, 'InputPath')).toBe(42);
    expect(readPath('$answer.list[1]', {}, scope, 'InputPath')).toBe(2);
    expect(readPath('$flag', {}, scope, 'InputPath')).toBe(false);
  });

  it('does not read inherited properties', () => {
    expect(readPathIfPresent('$.constructor', {}, scope)).toBeUndefined();
    expect(readPathIfPresent('$.toString', { a: 1 }, scope)).toBeUndefined();
  });
});

describe('readPath: failures as AWS words them', () => {
  const input = { 'int-literal': 0 };

  it('OutputPath, missing leaf (jsonpath/test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_OUTPUTPATH])', () => {
    const error = failure(() => readPath('$.NoSuchOutputPath', input, scope, 'OutputPath'));
    expect(error.error).toBe('States.Runtime');
    expect(error.inState).toBe(true);
    expect(error.cause).toBe(
      "Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']",
    );
  });

  it('OutputPath, missing intermediate (error_handling/test_catch_states_runtime)', () => {
    const error = failure(() => readPath('$.no.such.result.path', {}, scope, 'OutputPath'));
    expect(error.cause).toBe(
      "Invalid path '$.no.such.result.path' : Missing property in path $['no']",
    );
  });

  it('InputPath, index out of range', () => {
    const error = failure(() => readPath('$.a[3]', { a: [1] }, scope, 'InputPath'));
    expect(error.cause).toBe("Invalid path '$.a[3]' : No results for path: $['a'][3]");
  });

  it('payload template key (jsonpath/test_invalid_jsonpath[INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH])', () => {
    const error = failure(() => readPath('$.no_such_jsonpath', input, scope, 'value.$'));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'",
    );
  });

  it('$$ path quotes the state input (INVALID_JSONPATH_IN_STRING_EXPR_CONTEXTPATH)', () => {
    const error = failure(() =>
      readPath('$$.Execution.Input.no_such_jsonpath', input, scope, 'value.$'),
    );
    expect(error.cause).toBe(
      "The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'",
    );
  });

  it('ErrorPath and CausePath (INVALID_JSONPATH_IN_ERRORPATH, ST.INVALID_JSONPATH_IN_CAUSEPATH)', () => {
    const failInput = { Error: 'error-value' };
    expect(failure(() => readPath('$.ErrorX', failInput, scope, 'ErrorPath')).cause).toBe(
      "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{\"Error\":\"error-value\"}'",
    );
    expect(failure(() => readPath('$.NoSuchCausePath', failInput, scope, 'CausePath')).cause).toBe(
      "The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' could not be found in the input '{\"Error\":\"error-value\"}'",
    );
  });

  it('an unassigned variable fails like a missing path', () => {
    const error = failure(() => readPath('$nope', {}, scope, 'InputPath'));
    expect(error.error).toBe('States.Runtime');
    expect(readPathIfPresent('$nope.x', {}, scope)).toBeUndefined();
  });

  it('a property of a non-object is a Jayway type error', () => {
    const error = failure(() => readPath('$.a.b', { a: 5 }, scope, 'OutputPath'));
    expect(error.cause).toMatch(
      /^Invalid path '\$\.a\.b' : Expected to find an object with property \['b'\] in path \$\['a'\]/,
    );
  });

  it('invalid syntax is a States.Runtime error', () => {
    expect(failure(() => readPath('$.a[', {}, scope, 'InputPath')).error).toBe('States.Runtime');
    expect(failure(() => readPath('a.b', {}, scope, 'InputPath')).error).toBe('States.Runtime');
  });
});

describe('validation helpers', () => {
  it('isReferencePath accepts single-node paths only', () => {
    expect(isReferencePath('$.a.b[0]')).toBe(true);
    expect(isReferencePath("$['a b']")).toBe(true);
    expect(isReferencePath('$.a[*]')).toBe(false);
    expect(isReferencePath('$..a')).toBe(false);
    expect(isReferencePath('nope')).toBe(false);
    expect(isReferencePath('$.[0].body')).toBe(true);
    expect(isReferencePath("$.[*].['bucket', 'key']")).toBe(false);
    expect(jsonPathSyntaxProblem("$.[*].['bucket', 'key']")).toBeUndefined();
    expect(jsonPathSyntaxProblem('$..[0]')).toBeUndefined();
    expect(jsonPathSyntaxProblem('$.')).toBeDefined();
  });

  it('jsonPathSyntaxProblem explains invalid paths', () => {
    expect(jsonPathSyntaxProblem('$.a.b')).toBeUndefined();
    expect(jsonPathSyntaxProblem('$.a[')).toMatch(/Missing \]/);
  });
});

describe('isReferencePath: multi-property and functions', () => {
  it('rejects paths that do not name one node', () => {
    expect(isReferencePath("$['a','b']")).toBe(false);
    expect(isReferencePath('$.a.length()')).toBe(false);
  });
});
