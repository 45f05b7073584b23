import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/json.js';
import { evaluateJsonataTemplate } from '../../../src/jsonata/evaluate-template.js';
import { StatesError } from '../../../src/states-error.js';
import { fakeScope } from './fake-scope.js';

const noStates = { input: {}, context: {} };

async function run(expression: string, scope = fakeScope()): Promise<Json> {
  return evaluateJsonataTemplate(`{% ${expression} %}`, noStates, scope, 'Output');
}

async function cause(expression: string): Promise<string> {
  try {
    await run(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    return (error as StatesError).cause;
  }
  throw new Error('expected a failure');
}

describe('$partition (jsonata/test_array_partition#exec_hist_resp_*)', () => {
  it.each([
    ['[0]', 1, [[0]]],
    ['[0]', 5, [[0]]],
    ['[0, 1, 2]', 1, [[0], [1], [2]]],
    ['[0, 1, 2]', 2, [[0, 1], [2]]],
    ['[0, 1, 2]', 4, [[0, 1, 2]]],
    ['[0, 1, 2, 3]', 3, [[0, 1, 2], [3]]],
  ])('$partition(%s, %d)', async (array, size, expected) => {
    expect(await run(`$partition(${array}, ${size})`)).toStrictEqual(expected);
  });

  it('rounds the size down', async () => {
    expect(await run('$partition([1, 2, 3], 2.9)')).toStrictEqual([[1, 2], [3]]);
  });

  it('rejects a size below 1 (text unconfirmed)', async () => {
    expect(await cause('$partition([1], 0)')).toContain('threw an error during evaluation: ');
  });
});

describe('$range (jsonata/test_array_range#exec_hist_resp_*)', () => {
  it('stops when end is reached or exceeded', async () => {
    expect(await run('$range(0, 10, 3)')).toStrictEqual([0, 3, 6, 9]);
    expect(await run('$range(1, 9, 2)')).toStrictEqual([1, 3, 5, 7, 9]);
    expect(await run('$range(10, 0, -4)')).toStrictEqual([10, 6, 2]);
  });

  it('returns a single value unwrapped, as AWS does for $range(1, 9, 9)', async () => {
    expect(await run('$range(1, 9, 9)')).toBe(1);
  });

  it('rejects a zero step', async () => {
    expect(await cause('$range(0, 1, 0)')).toContain('threw an error during evaluation: ');
  });
});

describe('$hash', () => {
  it.each([
    ['MD5', 'a43c1b0aa53a0c908810c06ab1ff3967'],
    ['SHA-1', '140f86aae51ab9e1cda9b4254fe98a74eb54c1a1'],
    ['SHA-256', 'c96c6d5be8d08a12e7b5cdc1b207fa6b2430974c86803d8891675e76fd992c20'],
  ])('%s gives a lowercase hex digest', async (algorithm, digest) => {
    expect(await run(`$hash("input", "${algorithm}")`)).toBe(digest);
  });

  it('supports SHA-384 and SHA-512', async () => {
    expect(await run('$length($hash("x", "SHA-384"))')).toBe(96);
    expect(await run('$length($hash("x", "SHA-512"))')).toBe(128);
  });

  it('rejects other algorithms', async () => {
    expect(await cause('$hash("x", "SHA-3")')).toContain('threw an error during evaluation: ');
  });
});

describe('$random', () => {
  it('draws from the scope without a seed', async () => {
    expect(await run('[$random(), $random()]')).toStrictEqual([0.1, 0.2]);
  });

  it('is java.util.Random with a seed ($random(42) on AWS, floci-io/floci#2662)', async () => {
    expect(await run('$random(42)')).toBe(0.7275636800328681);
    expect(await run('$random(42) = $random(42)')).toBe(true);
    expect(await run('$random(0)')).toBe(0.730967787376657);
  });

  it('rejects a seed that is not a number with jsonata’s signature error', async () => {
    expect(await cause('$random("a")')).toBe(
      `The JSONata expression '$random("a")' specified for the field 'Output' threw an error during evaluation. T0410: Argument 1 of function "random" does not match function signature`,
    );
  });
});

describe('$uuid', () => {
  it('comes from the scope', async () => {
    expect(await run('$uuid()')).toBe('00000000-0000-4000-8000-000000000001');
  });
});

describe('$parse (jsonata/test_parse#exec_hist_resp_*)', () => {
  it.each([
    ['1', 1],
    ['true', true],
    ['{"Arg1": 1, "Arg2": []}', { Arg1: 1, Arg2: [] }],
  ])('$parse(%j)', async (text, expected) => {
    expect(await run(`$parse(${JSON.stringify(text)})`)).toStrictEqual(expected);
  });

  it('rejects text that is not JSON', async () => {
    expect(await cause('$parse("{")')).toContain('threw an error during evaluation: ');
  });
});

describe('variables and functions', () => {
  it('lets a workflow variable shadow a function of the same name', async () => {
    expect(await run('$uuid', fakeScope({ uuid: 'mine' }))).toBe('mine');
  });
});
