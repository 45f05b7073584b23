import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/validation/validate-definition.js';
import { diagnostics, errors } from './helpers.js';

const pass = (next?: string) => (next ? { Type: 'Pass', Next: next } : { Type: 'Pass', End: true });

describe('transitions and graph', () => {
  it('reports a missing StartAt/States', () => {
    expect(errors({ States: { A: pass() } })).toEqual(['SCHEMA_VALIDATION_FAILED@/']);
    expect(diagnostics({ StartAt: 'A' })[0]?.message).toBe('These fields are required: [States]');
  });

  it('reports a StartAt naming no state', () => {
    expect(errors({ StartAt: 'X', States: { A: pass() } })).toContain(
      'MISSING_TRANSITION_TARGET@/StartAt',
    );
  });

  it('reports Next, Default and Catch targets naming no state, as AWS words them', () => {
    // AWS's message, quoted in localstack/localstack#11978.
    const d = diagnostics({ StartAt: 'pass1', States: { pass1: pass('pass3'), pass2: pass() } });
    expect(d.map((x) => `${x.code}: ${x.message} at ${x.location}`)).toEqual([
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next",
      'MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2',
    ]);
    const choice = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [{ Variable: '$.a', IsPresent: true, Next: 'Nope' }],
          Default: 'Gone',
        },
      },
    };
    expect(errors(choice)).toEqual([
      'MISSING_TRANSITION_TARGET@/States/C/Default',
      'MISSING_TRANSITION_TARGET@/States/C/Choices[0]/Next',
      'MISSING_END_STATE@',
    ]);
    const task = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Missing' }],
          End: true,
        },
      },
    };
    expect(errors(task)).toEqual(['MISSING_TRANSITION_TARGET@/States/T/Catch[0]/Next']);
  });

  it('reports a machine with no terminal state, but not when an unreachable one exists', () => {
    const loop = { A: pass('B'), B: pass('A') };
    expect(diagnostics({ StartAt: 'A', States: loop })).toEqual([
      { severity: 'ERROR', code: 'MISSING_END_STATE', message: 'Workflow has no terminal state' },
    ]);
    expect(errors({ StartAt: 'A', States: { ...loop, C: pass() } })).toEqual([
      'MISSING_TRANSITION_TARGET@/States/C',
    ]);
  });

  it('reports a state with neither Next nor End, and one with both', () => {
    expect(
      errors({ StartAt: 'A', States: { A: { Type: 'Pass' }, B: { Type: 'Succeed' } } }),
    ).toEqual(['MISSING_END_STATE@/States/A', 'MISSING_TRANSITION_TARGET@/States/B']);
    expect(errors({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A', End: true } } })).toEqual(
      ['SCHEMA_VALIDATION_FAILED@/States/A'],
    );
  });

  it('does not let a Next leave a Parallel branch', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'B', States: { B: pass('Outside') } }],
          Next: 'Outside',
        },
        Outside: pass(),
      },
    };
    expect(errors(def)).toEqual([
      'MISSING_TRANSITION_TARGET@/States/P/Branches[0]/States/B/Next',
      'MISSING_END_STATE@/States/P/Branches[0]',
    ]);
  });

  it('checks a Map item processor as its own block', () => {
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Nope', States: { I: pass() } },
          End: true,
        },
      },
    };
    // Reachability is only judged from a StartAt that exists.
    expect(errors(def)).toEqual(['MISSING_TRANSITION_TARGET@/States/M/ItemProcessor/StartAt']);
  });

  it('checks state names: length, characters, uniqueness across branches', () => {
    const long = 'x'.repeat(81);
    expect(errors({ StartAt: long, States: { [long]: pass() } })).toEqual([
      `INVALID_STATE_NAME@/States/${long}`,
    ]);
    expect(errors({ StartAt: 'a\u0001', States: { 'a\u0001': pass() } })).toEqual([
      'INVALID_STATE_NAME@/States/a\u0001',
    ]);
    // Spaces are fine in state names.
    expect(errors({ StartAt: 'Lambda Invoke', States: { 'Lambda Invoke': pass() } })).toEqual([]);
    const dup = {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'P', States: { P: pass() } }], End: true },
      },
    };
    expect(errors(dup)).toEqual(['DUPLICATE_STATE_NAME@/States/P/Branches[0]/States/P']);
  });

  // Speed is measured by `pnpm bench`, never asserted in a unit test.
  it('accepts a 500-state machine', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 500; i++) {
      states[`S${i}`] =
        i === 499
          ? { Type: 'Succeed' }
          : {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { 'Payload.$': '$', FunctionName: 'f' },
              Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
              ResultPath: '$.r',
              Next: `S${i + 1}`,
            };
    }
    const def = { StartAt: 'S0', States: states };
    expect(validateDefinition(def)).toEqual([]);
  });
});
