import { describe, expect, it } from 'vitest';
import { IntrinsicSyntaxError } from '../../../src/intrinsics/intrinsic-syntax-error.js';
import { parseIntrinsic } from '../../../src/intrinsics/parse-intrinsic.js';

describe('parseIntrinsic', () => {
  it('parses literals, paths and nested calls', () => {
    expect(
      parseIntrinsic("States.Array('a', -1.5, 2e3, null, true, false, $.a.b, States.UUID())"),
    ).toEqual({
      kind: 'call',
      name: 'States.Array',
      args: [
        { kind: 'string', value: 'a', formatParts: ['a'] },
        { kind: 'constant', value: -1.5 },
        { kind: 'constant', value: 2000 },
        { kind: 'constant', value: null },
        { kind: 'constant', value: true },
        { kind: 'constant', value: false },
        { kind: 'path', path: '$.a.b' },
        { kind: 'call', name: 'States.UUID', args: [] },
      ],
    });
  });

  it('keeps path texts whole, brackets and quotes included', () => {
    const call = parseIntrinsic(
      "States.Array($, $.abc.['def ghi'], $.a[0], $$.Execution.Id, $var.x, $.f[?(@.x, 1)])",
    );
    expect(call.args.map((arg) => (arg.kind === 'path' ? arg.path : arg.kind))).toEqual([
      '$',
      "$.abc.['def ghi']",
      '$.a[0]',
      '$$.Execution.Id',
      '$var.x',
      '$.f[?(@.x, 1)]',
    ]);
  });

  it("resolves AWS's four escapes", () => {
    const [arg] = parseIntrinsic("States.Format('it\\'s \\{\\} \\\\ {}', 1)").args;
    expect(arg).toEqual({
      kind: 'string',
      value: "it's {} \\ {}",
      // The escaped braces are text, only the bare {} is a placeholder.
      formatParts: ["it's {} \\ ", ''],
    });
  });

  it('marks a lone unescaped brace as no valid Format template', () => {
    // Other functions take such strings: test_json_merge_escaped_argument.
    const [arg] = parseIntrinsic('States.StringToJson(\'{"a": 1}\')').args;
    expect(arg).toEqual({ kind: 'string', value: '{"a": 1}', formatParts: null });
  });

  it('accepts spaces around arguments', () => {
    expect(parseIntrinsic('  States.MathAdd( 1 ,\t2 )  ').args).toHaveLength(2);
  });

  it('allows nesting 10 deep but not 11', () => {
    const nest = (depth: number): string =>
      depth === 1 ? 'States.Array()' : `States.Array(${nest(depth - 1)})`;
    expect(() => parseIntrinsic(nest(10))).not.toThrow();
    expect(() => parseIntrinsic(nest(11))).toThrow(/nested more than 10 deep/);
  });

  it.each([
    // escapes/test_illegal_escapes[ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION]: CreateStateMachine
    // rejected a \" inside an intrinsic string.
    ['States.StringToJson(\'{"text":"An \\"escaped\\" here"}\')', "invalid escape '\\\"'"],
    ["States.Format('a\\')", 'unterminated string'],
    ["States.Format('abc", 'unterminated string'],
    ['States.Nope(1)', "unknown intrinsic function 'States.Nope'"],
    ['States.Array(1', "missing ')' to close States.Array"],
    ['States.Array(1 2)', "expected ',' or ')'"],
    ['States.Array(1,)', 'invalid argument'],
    ['States.Array(12abc)', 'invalid argument'],
    ['States.Array() x', 'unexpected text after the call'],
    ['States.Array', "expected '(' after States.Array"],
    ['$.a', 'expected an intrinsic function'],
    ["States.Array($.a['b)", 'unterminated quoted name in path'],
  ])('rejects %s', (text, reason) => {
    let caught: unknown;
    try {
      parseIntrinsic(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IntrinsicSyntaxError);
    expect((caught as IntrinsicSyntaxError).reason).toBe(reason);
  });
});
