import { describe, expect, it } from 'vitest';
import { isValidIntrinsic, isValidPath } from '../../../src/validation/path-syntax.js';
import { diagnostics, errors, machine } from './helpers.js';

describe('Path and intrinsic syntax', () => {
  it('accepts the Path shapes the recordings use', () => {
    for (const p of [
      '$',
      '$$',
      '$.a.b',
      "$['a b'][0]",
      '$.items[1:5].v',
      '$.items[*]',
      '$$.Map.Item.Value',
      '$x',
      '$x.y',
      '$[0]',
      '$.sub-values',
    ]) {
      expect(isValidPath(p), p).toBe(true);
    }
    for (const p of ['a.b', '$.', '$.a.', '$[', '$[]', '$a b', ''])
      expect(isValidPath(p), p).toBe(false);
  });

  it('accepts intrinsics with nested calls, paths and escaped characters', () => {
    expect(isValidIntrinsic("States.Format('Hello {}, welcome to {}!', $.name, $place)")).toBe(
      true,
    );
    expect(
      isValidIntrinsic(
        'States.JsonMerge(States.StringToJson(\'{"a": "false"}\'), $$.Execution.Input.f, false)',
      ),
    ).toBe(true);
    expect(isValidIntrinsic("States.Format('it\\'s \\{\\} \\\\')")).toBe(true);
    expect(isValidIntrinsic('States.UUID()')).toBe(true);
    expect(isValidIntrinsic('States.Nope(1)')).toBe(false);
    expect(isValidIntrinsic('States.Array(1, 2')).toBe(false);
  });

  it('rejects an illegal escape in an intrinsic string, as recorded', () => {
    // escapes/test_illegal_escapes[ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION]
    const def = {
      StartAt: 'IntrinsicEscape',
      States: {
        IntrinsicEscape: {
          Type: 'Pass',
          Parameters: {
            'parsed.$': 'States.StringToJson(\'{"text":"An \\"escaped double quote\\" here"}\')',
          },
          End: true,
        },
      },
    };
    expect(diagnostics(def)).toEqual([
      {
        severity: 'ERROR',
        code: 'SCHEMA_VALIDATION_FAILED',
        message:
          "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call",
        location: '/States/IntrinsicEscape/Parameters',
      },
    ]);
    // ..._ILLEGAL_INTRINSIC_FUNCTION_2
    const format = machine({
      Type: 'Pass',
      Parameters: { 'parsed.$': "States.Format('He said, \\\"Hello, {}!\\\"', 'Test')" },
    });
    expect(errors(format)).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S/Parameters']);
  });

  it('does not evaluate `.$` keys in a Pass Result (escapes/test_escape_sequence_parsing)', () => {
    const def = machine({ Type: 'Pass', Result: { 'x.$': "States.Format('\\\"')" } });
    expect(errors(def)).toEqual([]);
  });

  it('checks nested `.$` keys and Path fields', () => {
    expect(errors(machine({ Type: 'Pass', Parameters: { a: { 'b.$': 'nope' } } }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Parameters/a',
    ]);
    expect(errors(machine({ Type: 'Pass', InputPath: 'a.b' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/InputPath',
    ]);
    expect(errors(machine({ Type: 'Pass', InputPath: null, OutputPath: null }))).toEqual([]);
    expect(errors(machine({ Type: 'Fail', CausePath: "States.Format('{}', $.c)" }))).toEqual([]);
  });

  it('rejects a ResultPath referencing a variable or the Context object', () => {
    expect(errors(machine({ Type: 'Pass', ResultPath: '$var' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/ResultPath',
    ]);
    expect(errors(machine({ Type: 'Pass', ResultPath: '$$.Execution' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/ResultPath',
    ]);
    expect(errors(machine({ Type: 'Pass', ResultPath: '$.a[*]' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/ResultPath',
    ]);
    expect(errors(machine({ Type: 'Pass', ResultPath: null }))).toEqual([]);
  });
});
