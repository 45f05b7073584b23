/**
 * State machine definitions of common shapes, for the console graph's layout: its unit test
 * (tests/unit/console/graph-layout.test.ts) and its benchmark (bench/console-workbench.bench.ts).
 */

type States = Record<string, Record<string, unknown>>;
type Definition = { StartAt: string; States: States };

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/**
 * `count` states: Pass, Task (with Retry, and a Catch to one `Failed` state), Choice and Wait
 * in turn, ending in `Done`; 98 steps + Done + Failed for 100.
 */
export function hundredStates(count = 100): Definition {
  const states: States = {};
  for (let i = 0; i < count - 2; i += 1) {
    const next = i + 1 < count - 2 ? `Step ${i + 1}` : 'Done';
    const name = `Step ${i}`;
    if (i % 4 === 1)
      states[name] = {
        Type: 'Task',
        Resource: LAMBDA,
        Parameters: { FunctionName: 'f', 'Payload.$': '$' },
        Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
        Next: next,
      };
    else if (i % 4 === 2)
      states[name] = {
        Type: 'Choice',
        Choices: [{ Variable: '$.n', NumericGreaterThan: i, Next: next }],
        Default: next,
      };
    else if (i % 4 === 3) states[name] = { Type: 'Wait', Seconds: 1, Next: next };
    else states[name] = { Type: 'Pass', Next: next };
  }
  states.Done = { Type: 'Succeed' };
  states.Failed = { Type: 'Fail', Error: 'Failed' };
  return { StartAt: 'Step 0', States: states };
}

/** A Choice fanning out to `count` states (and a Default), all joining one state. */
export function choiceFanOut(count = 24): Definition {
  const states: States = {
    Route: {
      Type: 'Choice',
      Choices: Array.from({ length: count }, (_, i) => ({
        Variable: '$.kind',
        StringEquals: `kind-${i}`,
        Next: `Handle ${i}`,
      })),
      Default: 'Unknown kind',
    },
    'Unknown kind': { Type: 'Fail', Error: 'UnknownKind' },
    Join: { Type: 'Succeed' },
  };
  for (let i = 0; i < count; i += 1)
    states[`Handle ${i}`] = { Type: 'Task', Resource: LAMBDA, Next: 'Join' };
  return { StartAt: 'Route', States: states };
}

/**
 * A Parallel of `branches` branches of `length` Tasks, each Task caught to its branch's own
 * handler; the Parallel caught to the same top-level handler as a chain of Tasks after it.
 */
export function parallelBranches(branches = 3, length = 8): Definition {
  const branch = (b: number) => {
    const states: States = { [`Branch ${b} failed`]: { Type: 'Fail', Error: `Branch${b}` } };
    for (let i = 0; i < length; i += 1)
      states[`B${b} step ${i}`] = {
        Type: 'Task',
        Resource: LAMBDA,
        Catch: [{ ErrorEquals: ['States.ALL'], Next: `Branch ${b} failed` }],
        ...(i + 1 < length ? { Next: `B${b} step ${i + 1}` } : { End: true }),
      };
    return { StartAt: `B${b} step 0`, States: states };
  };
  const states: States = {
    Prepare: {
      Type: 'Task',
      Resource: LAMBDA,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report failure' }],
      Next: 'Fan out',
    },
    'Fan out': {
      Type: 'Parallel',
      Branches: Array.from({ length: branches }, (_, b) => branch(b)),
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report failure' }],
      Next: 'After 0',
    },
    'Report failure': { Type: 'Task', Resource: LAMBDA, Next: 'Failed' },
    Failed: { Type: 'Fail', Error: 'Failed' },
    Done: { Type: 'Succeed' },
  };
  for (let i = 0; i < length; i += 1)
    states[`After ${i}`] = {
      Type: 'Task',
      Resource: LAMBDA,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report failure' }],
      Next: i + 1 < length ? `After ${i + 1}` : 'Done',
    };
  return { StartAt: 'Prepare', States: states };
}

/**
 * A polling loop (a back edge from a Wait up to the Task it repeats) inside a chain of
 * `length` Tasks caught to two handlers in turn (two lanes side by side), one Task with three
 * Catch clauses to the same handler, and a Map whose inner Tasks share a handler.
 */
export function retryLoop(length = 16): Definition {
  const states: States = {
    Poll: {
      Type: 'Task',
      Resource: LAMBDA,
      Catch: [
        { ErrorEquals: ['States.Timeout'], Next: 'Fatal' },
        { ErrorEquals: ['States.TaskFailed'], Next: 'Fatal' },
        { ErrorEquals: ['States.ALL'], Next: 'Fatal' },
      ],
      Next: 'Ready?',
    },
    'Ready?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.ready', BooleanEquals: true, Next: 'Step 0' }],
      Default: 'Wait a bit',
    },
    'Wait a bit': { Type: 'Wait', Seconds: 5, Next: 'Poll' },
    Each: {
      Type: 'Map',
      ItemProcessor: {
        StartAt: 'Item 0',
        States: {
          'Item 0': {
            Type: 'Task',
            Resource: LAMBDA,
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Item failed' }],
            Next: 'Item 1',
          },
          'Item 1': { Type: 'Pass', Next: 'Item 2' },
          'Item 2': { Type: 'Pass', Next: 'Item 3' },
          'Item 3': {
            Type: 'Task',
            Resource: LAMBDA,
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Item failed' }],
            Next: 'Item 4',
          },
          'Item 4': {
            Type: 'Task',
            Resource: LAMBDA,
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Item failed' }],
            End: true,
          },
          'Item failed': { Type: 'Pass', End: true },
        },
      },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Retryable' }],
      Next: 'Done',
    },
    Retryable: { Type: 'Wait', Seconds: 60, Next: 'Poll' },
    Fatal: { Type: 'Fail', Error: 'Fatal' },
    Done: { Type: 'Succeed' },
  };
  for (let i = 0; i < length; i += 1)
    states[`Step ${i}`] = {
      Type: 'Task',
      Resource: LAMBDA,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: i % 2 === 0 ? 'Retryable' : 'Fatal' }],
      Next: i + 1 < length ? `Step ${i + 1}` : 'Each',
    };
  return { StartAt: 'Poll', States: states };
}

/**
 * A Map whose item processor is `count` states caught to one handler (as `hundredStates`),
 * itself caught, with the Tasks around it, to a top-level handler.
 */
export function mapOfStates(count = 40): Definition {
  const states: States = {
    Each: {
      Type: 'Map',
      ItemProcessor: hundredStates(count),
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report failure' }],
      Next: 'After 0',
    },
    'Report failure': { Type: 'Fail', Error: 'MapFailed' },
    'All done': { Type: 'Succeed' },
  };
  for (let i = 0; i < 4; i += 1)
    states[`After ${i}`] = {
      Type: 'Task',
      Resource: LAMBDA,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report failure' }],
      Next: i + 1 < 4 ? `After ${i + 1}` : 'All done',
    };
  return { StartAt: 'Each', States: states };
}

/** Every shape, by name. */
export const GRAPH_SHAPES: Readonly<Record<string, () => Definition>> = {
  '100 states, Catch to one handler': () => hundredStates(),
  'Choice fan-out to 24 states': () => choiceFanOut(),
  'Parallel of 3 branches, caught': () => parallelBranches(),
  'polling loop, two handlers, a Map': () => retryLoop(),
  'Map of 40 states, caught': () => mapOfStates(),
};
