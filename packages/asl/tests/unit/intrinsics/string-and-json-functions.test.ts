import { describe, expect, it } from 'vitest';
import { evaluate, failure } from './helpers.js';

describe('States.Format', () => {
  it('prints values as AWS does', () => {
    // intrinsic_functions/test_format_1#exec_hist_resp_3 (null), _4 (1), test_format_2#_5 (1.1).
    expect(
      evaluate("States.Format('{} {} {} {} {}', $.a, $.b, $.c, $.d, $.e)", {
        a: null,
        b: 1,
        c: 1.1,
        d: true,
        e: '{"Arg1": 1}',
      }),
    ).toBe('null 1 1.1 true {"Arg1": 1}');
  });

  it('prints objects and lists the Java way', () => {
    // intrinsic_functions/test_context_json_path: $$.StateMachine printed as {Id=..., Name=...}.
    expect(
      evaluate("States.Format('{} {}', $.o, $.l)", { o: { Id: 'i', Name: 'n' }, l: [1, 'a'] }),
    ).toBe('{Id=i, Name=n} [1, a]');
  });

  it('keeps escaped braces and quotes as text', () => {
    expect(evaluate("States.Format('\\{\\} it\\'s {}', 'x')")).toBe("{} it's x");
  });

  it('reads a template from a path or variable', () => {
    // variables/test_reference_in_map_state[MAP_STATE_REFERENCE_IN_INTRINSIC_FUNCTION].
    expect(evaluate('States.Format($t, $.v)', { v: 'Pikachu' }, { t: "It's {}!" })).toBe(
      "It's Pikachu!",
    );
  });

  it('needs one value per placeholder and no lone brace', () => {
    for (const call of [
      "States.Format('{} {}', 1)",
      "States.Format('{}', 1, 2)",
      "States.Format('a {')",
    ]) {
      expect(failure(call).cause).toBe('Invalid arguments in States.Format');
    }
  });
});

describe('States.StringSplit', () => {
  it('splits on each delimiter character and drops empty pieces', () => {
    // intrinsic_functions/test_string_split#exec_hist_resp_2, _3, _6, test_escape_sequence.
    expect(evaluate("States.StringSplit(', , ,', ',')")).toEqual([' ', ' ']);
    expect(evaluate("States.StringSplit(',,,,', ',')")).toEqual([]);
    expect(
      evaluate('States.StringSplit($.s, $.d)', { s: 'split on T and \nnew', d: 'T\n' }),
    ).toEqual(['split on ', ' and ', 'new']);
  });
});

describe('States.StringToJson and States.JsonToString', () => {
  it('parses text, blank text giving null', () => {
    // intrinsic_functions/test_string_to_json#exec_hist_resp_0, _1, _3, _9.
    expect(evaluate("States.StringToJson('')")).toBeNull();
    expect(evaluate("States.StringToJson(' ')")).toBeNull();
    expect(Object.is(evaluate("States.StringToJson('-0')"), 0)).toBe(true);
    expect(evaluate('States.StringToJson($.s)', { s: '{"Arg1": 1, "Arg2": []}' })).toEqual({
      Arg1: 1,
      Arg2: [],
    });
    expect(failure("States.StringToJson('nope')").cause).toBe(
      'Invalid arguments in States.StringToJson',
    );
  });

  it('writes compact JSON', () => {
    // intrinsic_functions/test_json_to_string#exec_hist_resp_5 and _7.
    expect(evaluate('States.JsonToString($.v)', { v: 'HelloWorld' })).toBe('"HelloWorld"');
    expect(evaluate('States.JsonToString($.v)', { v: { Arg1: 1, Arg2: [] } })).toBe(
      '{"Arg1":1,"Arg2":[]}',
    );
  });
});

describe('States.JsonMerge', () => {
  it('merges shallowly, the second object winning', () => {
    expect(
      evaluate('States.JsonMerge($.a, $.b, false)', {
        a: { x: { p: 1 }, y: 1 },
        b: { x: { q: 2 } },
      }),
    ).toEqual({ x: { q: 2 }, y: 1 });
  });

  it('accepts a nested StringToJson of an unescaped-brace literal', () => {
    // intrinsic_functions/test_json_merge_escaped_argument.
    expect(
      evaluate('States.JsonMerge(States.StringToJson(\'{"k": "false"}\'), $.b, false)', {
        b: { c: 'v' },
      }),
    ).toEqual({ k: 'false', c: 'v' });
  });

  it('rejects a deep merge and non-objects', () => {
    expect(failure('States.JsonMerge($.a, $.a, true)', { a: {} }).cause).toBe(
      'Invalid arguments in States.JsonMerge',
    );
    expect(failure('States.JsonMerge($.a, 1, false)', { a: {} }).cause).toBe(
      'Invalid arguments in States.JsonMerge',
    );
  });
});
