import { describe, expect, it } from 'vitest';
import { type StatesBlockVisit, walkStates } from '../../../src/walk-states.js';

const definition = {
  StartAt: 'Fan',
  States: {
    Fan: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
        {
          StartAt: 'Each',
          States: {
            Each: {
              Type: 'Map',
              ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Task', End: true } } },
              End: true,
            },
          },
        },
      ],
      Next: 'Old',
    },
    Old: {
      Type: 'Map',
      Iterator: { StartAt: 'Legacy', States: { Legacy: { Type: 'Succeed' } } },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

describe('walkStates', () => {
  it('visits states depth-first in definition order, leaving each after its nested states', () => {
    const seen: string[] = [];
    walkStates(definition, {
      state: ({ name }) => void seen.push(name),
      leave: ({ name }) => void seen.push(`/${name}`),
    });
    expect(seen).toEqual([
      'Fan',
      'A',
      '/A',
      'Each',
      'Inner',
      '/Inner',
      '/Each',
      '/Fan',
      'Old',
      'Legacy',
      '/Legacy',
      '/Old',
      'Done',
      '/Done',
    ]);
  });

  it('visits each level whole before the next breadth-first', () => {
    const seen: string[] = [];
    walkStates(
      definition,
      { state: ({ name }) => void seen.push(name) },
      { order: 'breadth-first' },
    );
    expect(seen).toEqual(['Fan', 'Old', 'Done', 'A', 'Each', 'Legacy', 'Inner']);
  });

  it('tells where each block is: kind, location, parent, branch, Map iteration and depth', () => {
    const blocks: Omit<StatesBlockVisit, 'block'>[] = [];
    walkStates(definition, {
      block: ({ block: _block, ...rest }) => {
        blocks.push(rest);
        return undefined;
      },
    });
    expect(blocks).toEqual([
      { kind: 'Top', location: '', inMap: false, depth: 0 },
      {
        kind: 'Branch',
        location: '/States/Fan/Branches[0]',
        parentState: 'Fan',
        branchIndex: 0,
        inMap: false,
        depth: 1,
      },
      {
        kind: 'Branch',
        location: '/States/Fan/Branches[1]',
        parentState: 'Fan',
        branchIndex: 1,
        inMap: false,
        depth: 1,
      },
      {
        kind: 'ItemProcessor',
        location: '/States/Fan/Branches[1]/States/Each/ItemProcessor',
        parentState: 'Each',
        inMap: true,
        depth: 2,
      },
      {
        kind: 'Iterator',
        location: '/States/Old/Iterator',
        parentState: 'Old',
        inMap: true,
        depth: 1,
      },
    ]);
  });

  it('does not descend where the visitor says no, and skips what is not a state', () => {
    const seen: string[] = [];
    walkStates(
      { States: { Fan: definition.States.Fan, Broken: 3, Also: null, List: [] } },
      {
        state: ({ name }) => {
          seen.push(name);
          return false;
        },
      },
    );
    expect(seen).toEqual(['Fan']);
  });

  it('reads own names only: toString, constructor, __proto__ and hasOwnProperty are states like any', () => {
    const states = JSON.parse(
      '{"toString":{"Type":"Pass","Next":"constructor"},"constructor":{"Type":"Pass","Next":"__proto__"},"__proto__":{"Type":"Pass","Next":"hasOwnProperty"},"hasOwnProperty":{"Type":"Succeed"}}',
    );
    const seen: string[] = [];
    walkStates(
      { StartAt: 'toString', States: states },
      { state: ({ name }) => void seen.push(name) },
    );
    expect(seen).toEqual(['toString', 'constructor', '__proto__', 'hasOwnProperty']);
  });

  it('walks nesting thousands deep without growing the call stack', () => {
    let block: object = { StartAt: 'Leaf', States: { Leaf: { Type: 'Succeed' } } };
    for (let i = 0; i < 20_000; i++) {
      block = {
        StartAt: `P${i}`,
        States: { [`P${i}`]: { Type: 'Parallel', Branches: [block], End: true } },
      };
    }
    let deepest = 0;
    walkStates(block, {
      state: ({ block: b }) => {
        deepest = Math.max(deepest, b.depth);
        return true;
      },
    });
    expect(deepest).toBe(20_000);
  });
});
