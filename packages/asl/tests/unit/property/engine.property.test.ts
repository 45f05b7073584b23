/**
 * A property test of the engine: random valid definitions (Pass, Choice, Wait on a virtual
 * clock, Succeed, Fail, Parallel, Map, Task with an injected handler) and inputs never throw
 * out of the engine, never make more transitions between two yields than the pacer's bound,
 * and always end with a terminal history event. Seeded: FC_SEED=<seed> replays a run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/execution/pacer.js';
import { RunningExecution } from '../../../src/execution/running-execution.js';
import {
  type Json,
  type StateMachineDefinition,
  StatesError,
  type TaskHandler,
  VirtualClock,
  validateDefinition,
} from '../../../src/index.js';

const BOUND = 8;
const HISTORY_LIMIT = 1_500;
const TERMINAL = new Set([
  'ExecutionSucceeded',
  'ExecutionFailed',
  'ExecutionAborted',
  'ExecutionTimedOut',
]);

/** What a generated state is, before names are given. */
type StateSpec =
  | { kind: 'Pass'; result: number | undefined }
  | { kind: 'Choice'; threshold: number; back: number }
  | { kind: 'Wait'; seconds: number }
  | { kind: 'Task'; retry: boolean; catchTo: number | undefined }
  | { kind: 'Parallel'; branches: BlockSpec[] }
  | { kind: 'Map'; processor: BlockSpec; maxConcurrency: number; items: 'items' | 'input' };
interface BlockSpec {
  readonly states: StateSpec[];
  readonly end: 'Succeed' | 'Fail' | 'End';
}

const leafState: fc.Arbitrary<StateSpec> = fc.oneof(
  fc.record({
    kind: fc.constant('Pass' as const),
    result: fc.option(fc.nat(9), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('Choice' as const),
    threshold: fc.integer({ min: -2, max: 12 }),
    back: fc.nat(),
  }),
  fc.record({ kind: fc.constant('Wait' as const), seconds: fc.integer({ min: 0, max: 3 }) }),
  fc.record({
    kind: fc.constant('Task' as const),
    retry: fc.boolean(),
    catchTo: fc.option(fc.nat(), { nil: undefined }),
  }),
);

function blockSpec(depth: number): fc.Arbitrary<BlockSpec> {
  const state: fc.Arbitrary<StateSpec> =
    depth === 0
      ? leafState
      : fc.oneof(
          { weight: 4, arbitrary: leafState },
          {
            weight: 1,
            arbitrary: fc.record({
              kind: fc.constant('Parallel' as const),
              branches: fc.array(blockSpec(depth - 1), { minLength: 1, maxLength: 3 }),
            }),
          },
          {
            weight: 1,
            arbitrary: fc.record({
              kind: fc.constant('Map' as const),
              processor: blockSpec(depth - 1),
              maxConcurrency: fc.integer({ min: 0, max: 3 }),
              items: fc.constantFrom('items' as const, 'input' as const),
            }),
          },
        );
  return fc.record({
    states: fc.array(state, { minLength: 1, maxLength: 5 }),
    end: fc.constantFrom('Succeed' as const, 'Fail' as const, 'End' as const),
  });
}

/**
 * A definition from a spec: the states of a block form a chain (each reachable, the last
 * one ending the block); Choice rules and catchers may jump anywhere in the block, back
 * edges included, so some runs loop until the history limit ends them.
 */
function build(spec: BlockSpec): StateMachineDefinition {
  let counter = 0;
  const block = (b: BlockSpec, inMap: boolean): object => {
    const names = b.states.map((s) => `${s.kind}${++counter}`);
    const endName = b.end === 'End' ? undefined : `${b.end}${++counter}`;
    const states: Record<string, object> = {};
    b.states.forEach((s, i) => {
      const next = names[i + 1] ?? endName;
      const flow = next === undefined ? { End: true } : { Next: next };
      const target = (n: number) => names[n % names.length] as string;
      switch (s.kind) {
        case 'Pass':
          states[names[i] as string] =
            s.result === undefined
              ? { Type: 'Pass', ...flow }
              : { Type: 'Pass', Result: s.result, ResultPath: '$.last', ...flow };
          break;
        case 'Choice':
          // Inside a Map the input is an item (a number); at the top it is an object.
          states[names[i] as string] =
            next === undefined
              ? { Type: 'Pass', End: true }
              : {
                  Type: 'Choice',
                  Choices: [
                    {
                      Variable: inMap ? '$' : '$.n',
                      NumericGreaterThan: s.threshold,
                      Next: target(s.back),
                    },
                  ],
                  Default: next,
                };
          break;
        case 'Wait':
          states[names[i] as string] = { Type: 'Wait', Seconds: s.seconds, ...flow };
          break;
        case 'Task':
          states[names[i] as string] = {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            ResultPath: '$.task',
            ...(s.retry
              ? { Retry: [{ ErrorEquals: ['Custom.Flaky'], MaxAttempts: 2, IntervalSeconds: 1 }] }
              : {}),
            ...(s.catchTo !== undefined
              ? {
                  Catch: [
                    { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: target(s.catchTo) },
                  ],
                }
              : {}),
            ...flow,
          };
          break;
        case 'Parallel':
          states[names[i] as string] = {
            Type: 'Parallel',
            Branches: s.branches.map((branch) => block(branch, inMap)),
            ResultPath: '$.branches',
            ...flow,
          };
          break;
        case 'Map':
          states[names[i] as string] = {
            Type: 'Map',
            ...(s.items === 'items' ? { ItemsPath: '$.items' } : {}),
            MaxConcurrency: s.maxConcurrency,
            ItemProcessor: block(s.processor, true),
            ...(s.items === 'items' ? { ResultPath: '$.mapped' } : {}),
            ...flow,
          };
          break;
      }
    });
    if (endName !== undefined) {
      states[endName] =
        b.end === 'Fail'
          ? { Type: 'Fail', Error: 'Custom.End', Cause: 'generated' }
          : { Type: 'Succeed' };
    }
    return { StartAt: names[0], States: states };
  };
  return block(spec, false) as StateMachineDefinition;
}

const input = fc.record({
  n: fc.integer({ min: -5, max: 15 }),
  items: fc.array(fc.integer({ min: -5, max: 15 }), { maxLength: 6 }),
});

/** Answers at once; every third call fails (retried when the state has a Retry). */
function taskHandler(): TaskHandler {
  let calls = 0;
  return async (request) => {
    calls++;
    if (calls % 3 === 0) throw new StatesError('Custom.Flaky', `call ${calls}`);
    return { echo: request.parameters ?? null } as Json;
  };
}

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

describe('the engine, on random valid definitions', () => {
  it('never throws, never exceeds the transitions bound between yields, always ends with a terminal event', async () => {
    // Printed so that a failure can be replayed: FC_SEED=<seed> pnpm exec vitest run <this file>.
    console.log(`engine property test: fast-check seed ${seed}`);
    await fc.assert(
      fc.asyncProperty(blockSpec(2), input, async (spec, executionInput) => {
        const definition = build(spec);
        expect(validateDefinition(definition)).toEqual([]);
        let sinceYield = 0;
        let most = 0;
        const pacer = new Pacer(BOUND, () => {
          sinceYield = 0;
        });
        const execution = new RunningExecution(
          definition,
          {
            identity: {
              executionArn: 'arn:aws:states:us-east-1:111111111111:execution:m:e',
              executionName: 'e',
              stateMachineArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:m',
              stateMachineName: 'm',
              roleArn: 'arn:aws:iam::111111111111:role/r',
            },
            input: executionInput,
            tasks: taskHandler(),
            clock: new VirtualClock(0),
            onEvent: (event) => {
              // A transition: a state entered, or a Map iteration started.
              if (event.type.endsWith('StateEntered') || event.type === 'MapIterationStarted') {
                sinceYield++;
                most = Math.max(most, sinceYield);
              }
            },
          },
          { pacer, historyLimit: HISTORY_LIMIT },
        );
        const result = await execution.result;
        const last = execution.history.at(-1);
        expect(TERMINAL.has(String(last?.type))).toBe(true);
        expect(execution.history.filter((e) => TERMINAL.has(e.type))).toHaveLength(1);
        expect(['SUCCEEDED', 'FAILED']).toContain(result.status);
        expect(execution.history.length).toBeLessThanOrEqual(HISTORY_LIMIT);
        expect(most).toBeLessThanOrEqual(BOUND);
      }),
      { seed, numRuns: 150, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
    );
  }, 60_000);
});
