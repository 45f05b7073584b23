import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/json.js';
import { evaluateJsonataBody } from '../../../src/jsonata/evaluate-expression.js';
import { LinearRegExp } from '../../../src/jsonata/linear-regex.js';
import { StatesError } from '../../../src/states-error.js';
import { fakeScope } from './fake-scope.js';

const evaluate = (body: string, input: Json = {}) =>
  evaluateJsonataBody(body, { input }, fakeScope(), 'Output');

async function cause(body: string, input: Json = {}): Promise<string> {
  try {
    await evaluate(body, input);
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    expect((error as StatesError).error).toBe('States.QueryEvaluationError');
    return (error as StatesError).cause ?? '';
  }
  throw new Error(`expected ${body} to fail`);
}

describe('JSONata regular expressions on the linear engine', () => {
  it('answers catastrophic-backtracking patterns against 30+ characters at once', async () => {
    const input = { s: `${'a'.repeat(40)}!` };
    expect(await evaluate('$contains($states.input.s, /(a+)+$/)', input)).toBe(false);
    expect(await evaluate('$contains($states.input.s, /^(a|aa)+$/)', input)).toBe(false);
    expect(await evaluate('$count($match($states.input.s, /(a*)*b/))', input)).toBe(0);
    expect(await evaluate('$replace($states.input.s, /(a+)+b/, "x")', input)).toBe(input.s);
    expect(await evaluate('$split($states.input.s, /(a+)+b/)', input)).toEqual([input.s]);
  });

  it('matches as JavaScript does: flags, groups, positions, replace, split', async () => {
    expect(await evaluate('$contains("hello$world", /^hello\\$/)')).toBe(true);
    expect(await evaluate('$contains("HELLO", /hello/i)')).toBe(true);
    expect(await evaluate('$contains("a\\nb", /^b$/)')).toBe(false);
    expect(await evaluate('$contains("a\\nb", /^b$/m)')).toBe(true);
    expect(await evaluate('$match("x😀 2024-05 2025-06", /(\\d{4})-(\\d\\d)/)')).toEqual([
      { match: '2024-05', index: 4, groups: ['2024', '05'] },
      { match: '2025-06', index: 12, groups: ['2025', '06'] },
    ]);
    expect(await evaluate('$replace("2024-05", /(\\d+)-(\\d+)/, "$2/$1")')).toBe('05/2024');
    expect(await evaluate('$split("a1b22c", /\\d+/)')).toEqual(['a', 'b', 'c']);
    // An unmatched group is undefined, as in JavaScript (null once serialised).
    expect(await evaluate('$match("ab", /(x)?b/).groups')).toEqual([null]);
    expect(await evaluate('["ab", "cd", "ax"][$ ~> /^a/]')).toEqual(['ab', 'ax']);
  });

  it('fails clearly on what RE2 lacks: lookaround and backreferences', async () => {
    for (const pattern of ['/a(?=b)/', '/a(?!b)/', '/(?<=a)b/', '/(a)\\1/']) {
      const text = await cause(`$contains("aab", ${pattern})`);
      expect(text).toContain('threw an error during evaluation: The regular expression /');
      expect(text).toContain('no lookaround and no backreferences');
    }
  });

  it('a zero-length match is still refused as jsonata refuses it (D1004)', async () => {
    expect(await cause('$match("abc", /x*/)')).toContain('D1004');
  });

  it('exec keeps lastIndex as RegExp with the g flag does', () => {
    const re = new LinearRegExp(/b/g);
    expect(re.exec('abcb')?.index).toBe(1);
    expect(re.lastIndex).toBe(2);
    expect(re.exec('abcb')?.index).toBe(3);
    expect(re.exec('abcb')).toBeNull();
    expect(re.lastIndex).toBe(0);
  });
});
