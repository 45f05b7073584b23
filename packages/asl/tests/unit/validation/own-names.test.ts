import { describe, expect, it } from 'vitest';
import { StateMachine } from '../../../src/index.js';
import { errors } from './helpers.js';

/** Names every plain object inherits: a lookup by such a name must find only own entries. */
const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];

const pass = (next?: string) => (next ? { Type: 'Pass', Next: next } : { Type: 'Pass', End: true });

/** `States` from JSON text, so that a state named `__proto__` is an own member. */
function statesOf(text: string): Record<string, unknown> {
  return JSON.parse(text);
}

describe('names from a definition are looked up as own members only', () => {
  it.each(INHERITED)('StartAt "%s" naming no state is refused, at every level', (name) => {
    expect(errors({ StartAt: name, States: { A: pass() } })).toContain(
      'MISSING_TRANSITION_TARGET@/StartAt',
    );
    const map = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemProcessor: { StartAt: name, States: { A: pass() } }, End: true },
      },
    };
    expect(errors(map)).toContain('MISSING_TRANSITION_TARGET@/States/M/ItemProcessor/StartAt');
    const parallel = {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: name, States: { A: pass() } }], End: true },
      },
    };
    expect(errors(parallel)).toContain('MISSING_TRANSITION_TARGET@/States/P/Branches[0]/StartAt');
    expect(() => StateMachine.fromDefinition({ StartAt: name, States: { A: pass() } })).toThrow(
      `Missing 'StartAt' target: ${name}`,
    );
  });

  it.each(INHERITED)(
    'Next, Default, Choice and Catch targets "%s" naming no state are refused',
    (name) => {
      expect(errors({ StartAt: 'A', States: { A: pass(name), B: pass() } })).toContain(
        'MISSING_TRANSITION_TARGET@/States/A/Next',
      );
      const choice = {
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Choices: [{ Variable: '$.a', IsPresent: true, Next: name }],
            Default: name,
          },
          D: pass(),
        },
      };
      expect(errors(choice)).toEqual(
        expect.arrayContaining([
          'MISSING_TRANSITION_TARGET@/States/C/Default',
          'MISSING_TRANSITION_TARGET@/States/C/Choices[0]/Next',
        ]),
      );
      const task = {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'f' },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: name }],
            End: true,
          },
        },
      };
      expect(errors(task)).toContain('MISSING_TRANSITION_TARGET@/States/T/Catch[0]/Next');
    },
  );

  it.each(INHERITED)('a state really named "%s" is found and runs', async (name) => {
    const key = JSON.stringify(name);
    const definition = {
      StartAt: name,
      States: statesOf(
        `{${key}: {"Type": "Pass", "Result": {"at": ${key}}, "Next": "B"}, "B": {"Type": "Pass", "End": true}}`,
      ),
    };
    expect(errors(definition)).toEqual([]);
    const execution = StateMachine.fromDefinition(JSON.stringify(definition)).start({
      identity: {
        executionArn: 'arn:aws:states:us-east-1:111111111111:execution:m:e',
        executionName: 'e',
        stateMachineArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:m',
        stateMachineName: 'm',
        roleArn: 'arn:aws:iam::111111111111:role/r',
      },
      input: {},
      tasks: async () => ({}),
    });
    expect((await execution.result).output).toEqual({ at: name });
  });

  it.each(INHERITED)(
    'a state Type, operator, resource or pattern named "%s" is refused, not a crash',
    (name) => {
      expect(errors({ StartAt: 'S', States: { S: { Type: name, End: true } } })).toEqual([
        'SCHEMA_VALIDATION_FAILED@/States/S/Type',
      ]);
      const rule = { Variable: '$.a', [name]: 'x', Next: 'D' };
      const choice = {
        StartAt: 'C',
        States: { C: { Type: 'Choice', Choices: [rule] }, D: pass() },
      };
      expect(errors(choice).length).toBeGreaterThan(0);
      for (const resource of [
        `arn:aws:states:::${name}:invoke`,
        `arn:aws:states:::lambda:${name}`,
        `arn:aws:states:::lambda:invoke.${name}`,
      ]) {
        const task = {
          StartAt: 'T',
          States: { T: { Type: 'Task', Resource: resource, End: true } },
        };
        // As an unknown service is refused (SCHEMA_VALIDATION_FAILED, AWS's code for it).
        expect(errors(task)).toEqual(['SCHEMA_VALIDATION_FAILED@/States/T/Resource']);
      }
    },
  );
});
