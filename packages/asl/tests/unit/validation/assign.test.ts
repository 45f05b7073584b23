import { describe, expect, it } from 'vitest';
import { variableNameProblem } from '../../../src/validation/variable-names.js';
import { errors, machine } from './helpers.js';

describe('Assign', () => {
  it('accepts recorded variable shapes (variables/*, query_language/test_variable_sampling)', () => {
    expect(
      errors(
        machine({ Type: 'Pass', Assign: { theAnswerVar: 18, 'oldAnswerVar.$': '$theAnswerVar' } }),
      ),
    ).toEqual([]);
    expect(variableNameProblem('_x1')).toBeUndefined();
    expect(variableNameProblem('café')).toBeUndefined();
  });

  it('rejects reserved, partial, over-long and malformed names', () => {
    for (const name of ['states', 'x.y', 'x[2]', 'a'.repeat(81), '1abc', 'a-b']) {
      expect(errors(machine({ Type: 'Pass', Assign: { [name]: 1 } })), name).toEqual([
        'SCHEMA_VALIDATION_FAILED@/States/S/Assign',
      ]);
    }
  });

  it('checks `.$` values in JSONPath and names in catchers and choice rules', () => {
    expect(errors(machine({ Type: 'Pass', Assign: { 'a.$': 'oops' } }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Assign',
    ]);
    const task = machine({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Catch: [{ ErrorEquals: ['States.ALL'], Assign: { states: 1 }, Next: 'S' }],
    });
    expect(errors(task)).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S/Catch[0]/Assign']);
    const choice = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [{ Variable: '$.a', IsNull: true, Assign: { 'x.y': 1 }, Next: 'E' }],
        },
        E: { Type: 'Succeed' },
      },
    };
    expect(errors(choice)).toEqual(['SCHEMA_VALIDATION_FAILED@/States/C/Choices[0]/Assign']);
  });

  it('is not allowed on Succeed or Fail', () => {
    expect(errors(machine({ Type: 'Fail', Assign: { a: 1 } }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S',
    ]);
  });
});
