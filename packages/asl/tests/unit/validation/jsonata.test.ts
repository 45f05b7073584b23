import { describe, expect, it } from 'vitest';
import { diagnostics, errors, machine } from './helpers.js';

const JSONATA = { QueryLanguage: 'JSONata' };

describe('JSONata expressions', () => {
  it('rejects an expression opened but not closed, at any depth', () => {
    expect(
      errors(machine({ Type: 'Pass', Output: { a: ['{% $states.input '] } }, JSONATA)),
    ).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S/Output/a[0]']);
    expect(errors(machine({ Type: 'Pass', Output: ' {% 1 %}' }, JSONATA))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Output',
    ]);
  });

  it('rejects an expression that does not parse', () => {
    const d = diagnostics(machine({ Type: 'Pass', Output: '{% a[1,2) %}' }, JSONATA));
    expect(d).toEqual([
      {
        severity: 'ERROR',
        code: 'INVALID_JSONATA_EXPRESSION',
        message: 'The JSONata expression \'a[1,2)\' cannot be parsed: S0202: Expected "]", got ","',
        location: '/States/S/Output',
      },
    ]);
  });

  it('allows $states.result only in Output/Assign of Task, Map and Parallel', () => {
    const task = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'f', Payload: '{% $states.result %}' },
      Output: '{% $states.result.Payload %}',
    };
    expect(errors(machine(task, JSONATA))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Arguments/Payload',
    ]);
    expect(errors(machine({ Type: 'Pass', Output: '{% $states.result %}' }, JSONATA))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Output',
    ]);
  });

  it('allows $states.errorOutput only in a catcher', () => {
    const task = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Output: '{% $states.errorOutput %}',
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          Output: '{% $states.errorOutput %}',
          Assign: { e: '{% $states.errorOutput.Error %}' },
          Next: 'S',
        },
      ],
    };
    expect(errors(machine(task, JSONATA))).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S/Output']);
  });

  it('checks Choice Conditions and rejects JSONPath rules in JSONata', () => {
    const choice = (rule: Record<string, unknown>) =>
      machine({ Type: 'Choice', Choices: [{ ...rule, Next: 'E' }], Default: 'E' }, JSONATA);
    const withEnd = (def: unknown) => {
      const d = def as { States: Record<string, unknown> };
      d.States.E = { Type: 'Succeed' };
      return d;
    };
    expect(errors(withEnd(choice({ Condition: '{% $states.input.a %}' })))).toEqual([]);
    expect(errors(withEnd(choice({ Condition: '{% ( %}' })))).toEqual([
      'INVALID_JSONATA_EXPRESSION@/States/S/Choices[0]/Condition',
    ]);
    expect(errors(withEnd(choice({ Variable: '$.a', IsPresent: true })))).toContain(
      'SCHEMA_VALIDATION_FAILED@/States/S/Choices[0]',
    );
  });
});
