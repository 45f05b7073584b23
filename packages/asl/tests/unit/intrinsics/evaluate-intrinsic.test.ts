import { describe, expect, it } from 'vitest';
import { evaluateIntrinsic, isIntrinsicCall } from '../../../src/intrinsics/evaluate-intrinsic.js';
import { StatesError } from '../../../src/states-error.js';
import { evaluate, failure, fixedRandom } from './helpers.js';

describe('evaluateIntrinsic', () => {
  it('passes path texts to the resolver on every call, parsing once', () => {
    const expression = "States.Format('{}-{}', $$.Execution.Name, $var.x)";
    const seen: string[] = [];
    for (const value of ['a', 'b']) {
      const result = evaluateIntrinsic(
        expression,
        (path) => {
          seen.push(path);
          return value;
        },
        fixedRandom(),
      );
      expect(result).toBe(`${value}-${value}`);
    }
    expect(seen).toEqual(['$$.Execution.Name', '$var.x', '$$.Execution.Name', '$var.x']);
  });

  it('evaluates nested calls inside out', () => {
    // intrinsic_functions/test_nested_calls_2, with a machine name holding dashes.
    const expression =
      "States.ArrayGetItem(States.StringSplit($.n, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($.n, '-')), -1))";
    expect(evaluate(expression, { n: 'my-state-machine' })).toBe('machine');
  });

  it('lets resolver errors through', () => {
    expect(() => evaluate('States.Array($.missing)')).toThrow('no value at $.missing');
  });

  it('reports bad arguments as States.Runtime inside the state', () => {
    const error = failure("States.MathAdd('a', 1)");
    expect(error).toBeInstanceOf(StatesError);
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe('Invalid arguments in States.MathAdd');
    expect(error.inState).toBe(true);
  });

  it('reports a call that does not parse as States.Runtime', () => {
    const error = failure("States.Format('\\n')");
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "Invalid intrinsic function call 'States.Format('\\n')': invalid escape '\\n' at position 15",
    );
  });
});

describe('isIntrinsicCall', () => {
  it.each([
    ['States.Format(', true],
    ['States.UUID()', true],
    ['States.Nope()', false],
    ['States.Format', false],
    [' States.UUID()', false],
    ['$.a', false],
    ['States.UUID ()', false],
  ])('%s → %s', (text, expected) => {
    expect(isIntrinsicCall(text)).toBe(expected);
  });
});
