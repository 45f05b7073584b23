import { describe, expect, it } from 'vitest';
import { evaluate, failure } from './helpers.js';

describe('States.Array', () => {
  it('collects its arguments, none giving []', () => {
    // intrinsic_functions/test_array_0, test_array_2#exec_hist_resp_3 and _7.
    expect(evaluate('States.Array()')).toEqual([]);
    expect(evaluate('States.Array($.a, $.b)', { a: null, b: { x: [] } })).toEqual([
      null,
      { x: [] },
    ]);
  });
});

describe('States.ArrayPartition', () => {
  it('chunks, the last one shorter', () => {
    // intrinsic_functions/test_array_partition#exec_hist_resp_16 and _0.
    expect(evaluate('States.ArrayPartition($.a, 2)', { a: [0, 1, 2] })).toEqual([[0, 1], [2]]);
    expect(evaluate('States.ArrayPartition($.a, 1)', { a: [] })).toEqual([]);
  });

  it('truncates a fractional size and rejects sizes below 1', () => {
    expect(evaluate('States.ArrayPartition($.a, 2.6)', { a: [1, 2, 3] })).toEqual([[1, 2], [3]]);
    expect(failure('States.ArrayPartition($.a, 0.6)', { a: [1] }).cause).toBe(
      'Invalid arguments in States.ArrayPartition',
    );
    expect(failure("States.ArrayPartition('x', 1)").cause).toBe(
      'Invalid arguments in States.ArrayPartition',
    );
  });
});

describe('States.ArrayContains', () => {
  it('compares items structurally', () => {
    // intrinsic_functions/test_array_contains#exec_hist_resp_3, _4 and _6.
    const fst = [[1, 2, 3], 2, { b: 1, a: [] }];
    expect(evaluate('States.ArrayContains($.fst, $.snd)', { fst, snd: null })).toBe(false);
    expect(evaluate('States.ArrayContains($.fst, $.snd)', { fst, snd: [1, 2, 3] })).toBe(true);
    expect(evaluate('States.ArrayContains($.fst, $.snd)', { fst, snd: { a: [], b: 1 } })).toBe(
      true,
    );
  });
});

describe('States.ArrayRange', () => {
  it('includes the end when the step lands on it', () => {
    // intrinsic_functions/test_array_range#exec_hist_resp_0, _2 and _3.
    expect(evaluate('States.ArrayRange(0, 9, 3)')).toEqual([0, 3, 6, 9]);
    expect(evaluate('States.ArrayRange(1, 9, 9)')).toEqual([1]);
    expect(evaluate('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
  });

  it('counts down, or gives [] against the direction', () => {
    expect(evaluate('States.ArrayRange(5, 1, -2)')).toEqual([5, 3, 1]);
    expect(evaluate('States.ArrayRange(1, 5, -1)')).toEqual([]);
  });

  it('truncates fractional arguments', () => {
    expect(evaluate('States.ArrayRange(5.4, -0.6, -2.4)')).toEqual([5, 3, 1]);
  });

  it('allows 1000 items, not 1001, and no zero step', () => {
    expect(evaluate('States.ArrayRange(1, 1000, 1)')).toHaveLength(1000);
    expect(failure('States.ArrayRange(1, 1001, 1)').cause).toBe(
      'Invalid arguments in States.ArrayRange',
    );
    expect(failure('States.ArrayRange(1, 10, 0.4)').cause).toBe(
      'Invalid arguments in States.ArrayRange',
    );
  });
});

describe('States.ArrayGetItem, ArrayLength, ArrayUnique', () => {
  it('reads an item by index', () => {
    expect(evaluate('States.ArrayGetItem($.a, 1)', { a: ['x', 'y'] })).toBe('y');
    expect(evaluate('States.ArrayGetItem($.a, 1.7)', { a: ['x', 'y'] })).toBe('y');
    expect(failure('States.ArrayGetItem($.a, 2)', { a: ['x', 'y'] }).cause).toBe(
      'Invalid arguments in States.ArrayGetItem',
    );
    expect(failure('States.ArrayGetItem($.a, -1)', { a: ['x'] }).cause).toBe(
      'Invalid arguments in States.ArrayGetItem',
    );
  });

  it('counts items', () => {
    // intrinsic_functions/test_array_unique (which calls ArrayLength).
    expect(evaluate('States.ArrayLength($.a)', { a: [null, null, [], {}] })).toBe(4);
  });

  it('drops repeats, keeping first occurrences in order', () => {
    const a = [null, null, true, 1, 1, 1.1, 0, -0, 'x', 'x', [null], [null], { a: 1, b: 2 }];
    expect(evaluate('States.ArrayUnique($.a)', { a: [...a, { b: 2, a: 1 }] })).toEqual([
      null,
      true,
      1,
      1.1,
      0,
      'x',
      [null],
      { a: 1, b: 2 },
    ]);
  });
});
