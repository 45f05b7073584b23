import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/validation/validate-definition.js';
import { machine } from './helpers.js';

describe('warnings', () => {
  it('are returned only when severity WARNING is asked for', () => {
    const def = machine({ Type: 'Pass', Parameters: { a: '$.x' } });
    expect(validateDefinition(def)).toEqual([]);
    expect(validateDefinition(def, { severity: 'WARNING' })).toEqual([
      expect.objectContaining({
        severity: 'WARNING',
        code: 'NO_DOLLAR',
        location: '/States/S/Parameters',
      }),
    ]);
  });

  it('NO_DOLLAR: a plain key holding a path or an intrinsic (variables/test_base_cases[BASE_CONSTANT_LITERALS])', () => {
    const def = machine({
      Type: 'Pass',
      Assign: { s: '$$.Execution', f: 'States.UUID()', plain: '$ 5' },
    });
    expect(validateDefinition(def, { severity: 'WARNING' }).map((d) => d.code)).toEqual([
      'NO_DOLLAR',
      'NO_DOLLAR',
    ]);
  });

  it('PASS_RESULT_IS_STATIC: a path in a Pass Result (choice_operators recordings)', () => {
    const def = machine({ Type: 'Pass', Result: { 'TestResult.$': '$.x' } });
    expect(validateDefinition(def, { severity: 'WARNING' })).toEqual([
      expect.objectContaining({ code: 'PASS_RESULT_IS_STATIC', location: '/States/S/Result' }),
    ]);
  });

  it('NO_PATH: a choice operand that looks like a path', () => {
    const def = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.a', StringEquals: '$.b', Next: 'E' }] },
        E: { Type: 'Succeed' },
      },
    };
    expect(validateDefinition(def, { severity: 'WARNING' }).map((d) => d.code)).toEqual([
      'NO_PATH',
    ]);
  });

  it('lists errors before warnings', () => {
    const def = machine({ Type: 'Pass', Parameters: { a: '$.x' }, InputPath: 'bad' });
    expect(validateDefinition(def, { severity: 'WARNING' }).map((d) => d.severity)).toEqual([
      'ERROR',
      'WARNING',
    ]);
  });
});
