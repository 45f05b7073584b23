import { describe, expect, it } from 'vitest';
import { VariableScope } from '../../../src/variables/variable-scope.js';
import { run as runTestState } from '../test-state/helpers.js';
import { start } from './run.js';

const KIB = 1024;
const text = (bytes: number) => 'x'.repeat(bytes - 2); // JSON text adds the two quotes

describe("AWS's variable quotas: 256 KiB a variable and an Assign, 10 MiB an execution", () => {
  it('a variable over 256 KiB fails the state with States.DataLimitExceeded', async () => {
    const { execution } = start(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Assign: { big: "{% $pad('', 262200, 'x') %}" }, Next: 'B' },
          B: { Type: 'Pass', End: true },
        },
      },
      {},
    );
    const result = await execution.result;
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(result.cause).toContain(
      "The variable 'big' has a size (262202 bytes) exceeding the maximum number of bytes service limit (262144).",
    );
    const types = execution.history.map((event) => event.type);
    // B never starts; the state that assigned fails the execution.
    expect(types.filter((type) => type === 'PassStateEntered')).toHaveLength(1);
    expect(types.at(-1)).toBe('ExecutionFailed');
  });

  it('exactly 256 KiB is allowed; two variables of 150 KiB in one Assign are not', () => {
    const scope = new VariableScope();
    scope.assign({ fits: text(256 * KIB) });
    expect(scope.get('fits')).toHaveLength(256 * KIB - 2);
    expect(() => scope.assign({ a: text(150 * KIB), b: text(150 * KIB) })).toThrow(
      'The variables assigned by one state have a size (307200 bytes) exceeding',
    );
    expect(scope.get('a')).toBeUndefined();
  });

  it('the execution holds at most 10 MiB, inner scopes counting their outer ones', () => {
    const outer = new VariableScope();
    for (let i = 0; i < 39; i++) outer.assign({ [`v${i}`]: text(256 * KIB) }); // 9.75 MiB
    // Reassigning a name replaces its size rather than adding to it.
    outer.assign({ v0: text(256 * KIB) });
    const inner = new VariableScope(outer);
    inner.assign({ small: text(100 * KIB) });
    expect(() => inner.assign({ more: text(200 * KIB) })).toThrow(
      'The variables of the execution have a size (10530816 bytes) exceeding the maximum number of bytes service limit (10485760).',
    );
    // The outer scope does not count its inner ones: exactly 10 MiB fits, a byte more does not.
    outer.assign({ v39: text(256 * KIB) });
    expect(() => outer.assign({ v40: text(3) })).toThrow('The variables of the execution');
  });

  it('TestState: variables given in the request are not refused, an oversized Assign fails', async () => {
    const response = await runTestState({
      definition: JSON.stringify({
        QueryLanguage: 'JSONata',
        Type: 'Pass',
        Assign: { big: "{% $pad('', 262200, 'x') %}" },
        End: true,
      }),
      variables: JSON.stringify({ given: 'y'.repeat(300 * KIB) }),
    });
    expect(response.status).toBe('FAILED');
    expect(response.error).toBe('States.DataLimitExceeded');
  });
});
