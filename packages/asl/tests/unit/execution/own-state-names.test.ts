import { describe, expect, it } from 'vitest';
import { RunningExecution } from '../../../src/execution/running-execution.js';
import { type StateMachineDefinition, VirtualClock } from '../../../src/index.js';
import { identity, shape } from './run.js';

const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty'] as const;

/** `{ "toString": …, "constructor": …, "__proto__": …, "hasOwnProperty": … }`, each a Pass to the next. */
function chainOfInheritedNames(last: object): Record<string, unknown> {
  const states = NAMES.map(
    (name, i) =>
      `${JSON.stringify(name)}: ${JSON.stringify(
        i < NAMES.length - 1
          ? { Type: 'Pass', Result: name, ResultPath: `$.${name}`, Next: NAMES[i + 1] }
          : { Type: 'Pass', Result: name, ResultPath: `$.${name}`, ...last },
      )}`,
  );
  // JSON.parse keeps `__proto__` as an own key, as a definition sent over the API has it.
  return JSON.parse(`{${states.join(',')}}`);
}

const expectedOutput = {
  toString: 'toString',
  constructor: 'constructor',
  ['__proto__']: '__proto__',
  hasOwnProperty: 'hasOwnProperty',
};

/** The engine alone, without StateMachine's validation in front (validation has its own tests). */
function runEngine(definition: object) {
  return new RunningExecution(definition as StateMachineDefinition, {
    identity,
    input: {},
    tasks: async () => ({}),
    clock: new VirtualClock(0),
  });
}

describe('the state loop looks states up by own name only', () => {
  it('runs states named toString, constructor, __proto__ and hasOwnProperty as StartAt and Next', async () => {
    const execution = runEngine({
      StartAt: 'toString',
      States: chainOfInheritedNames({ End: true }),
    });
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.stringify(result.output)).toBe(JSON.stringify(expectedOutput));
    expect(shape(execution.history).filter((e) => e.startsWith('PassStateEntered'))).toEqual(
      NAMES.map((name) => `PassStateEntered:${name}`),
    );
  });

  it.each([
    ['a Parallel branch', (block: object) => ({ Type: 'Parallel', Branches: [block], End: true })],
    [
      "a Map's ItemProcessor",
      (block: object) => ({ Type: 'Map', ItemsPath: '$.items', ItemProcessor: block, End: true }),
    ],
  ])('and inside %s', async (_, container) => {
    const block = { StartAt: 'toString', States: chainOfInheritedNames({ End: true }) };
    const execution = new RunningExecution(
      {
        StartAt: 'Outer',
        States: { Outer: container(block) },
      } as unknown as StateMachineDefinition,
      { identity, input: { items: [{}] }, tasks: async () => ({}), clock: new VirtualClock(0) },
    );
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    // A branch gets the whole input, an iteration its item.
    expect(JSON.stringify(result.output)).toMatch(
      /"toString":"toString","constructor":"constructor","__proto__":"__proto__","hasOwnProperty":"hasOwnProperty"}]$/,
    );
    expect(shape(execution.history).filter((e) => e.startsWith('PassStateEntered'))).toEqual(
      NAMES.map((name) => `PassStateEntered:${name}`),
    );
  });

  it.each(NAMES)(
    'fails with a clear error when %s is a Next the States block lacks',
    async (name) => {
      // Object.prototype's members are not states.
      const execution = runEngine(
        JSON.parse(`{"StartAt":"A","States":{"A":{"Type":"Pass","Next":${JSON.stringify(name)}}}}`),
      );
      expect(await execution.result).toEqual({
        status: 'FAILED',
        error: 'States.Runtime',
        cause: `State '${name}' is not in the definition`,
      });
    },
  );
});
