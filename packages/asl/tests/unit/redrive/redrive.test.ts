import { describe, expect, it } from 'vitest';
import {
  type ChildExecution,
  ExecutionNotRedrivableError,
  type Json,
  StateMachine,
  type TaskHandler,
  VirtualClock,
} from '../../../src/index.js';
import { identity, shape } from '../execution/run.js';

const lambda = 'arn:aws:states:::lambda:invoke';

async function runThenRedrive(
  definition: object,
  input: Json,
  first: TaskHandler,
  second: TaskHandler,
) {
  const machine = StateMachine.fromDefinition(definition);
  const clock = new VirtualClock(0);
  const original = machine.start({ identity, input, tasks: first, clock });
  const firstResult = await original.result;
  const redriven = machine.redrive({
    identity,
    input,
    tasks: second,
    clock,
    history: original.history,
  });
  return { firstResult, original, redriven, result: await redriven.result };
}

describe('redrive', () => {
  it('continues from the state that failed, with the variables assigned before, after ExecutionRedriven', async () => {
    const calls: string[] = [];
    const definition = {
      StartAt: 'Prepare',
      States: {
        Prepare: { Type: 'Pass', Assign: { 'order.$': '$.order' }, Next: 'Charge' },
        Charge: {
          Type: 'Task',
          Resource: lambda,
          Parameters: { 'order.$': '$order', 'redrives.$': '$$.Execution.RedriveCount' },
          End: true,
        },
      },
    };
    const { firstResult, original, redriven, result } = await runThenRedrive(
      definition,
      { order: 7 },
      async () => {
        calls.push('first');
        throw new Error('card declined');
      },
      async (request) => {
        calls.push('second');
        return request.parameters;
      },
    );
    expect(firstResult.status).toBe('FAILED');
    expect(result).toEqual({ status: 'SUCCEEDED', output: { order: 7, redrives: 1 } });
    expect(calls).toEqual(['first', 'second']);
    const before = original.history.length;
    expect(redriven.history.slice(0, before)).toEqual(original.history);
    const redrivenEvent = redriven.history[before];
    expect(redrivenEvent).toMatchObject({
      type: 'ExecutionRedriven',
      id: before + 1,
      previousEventId: before,
      executionRedrivenEventDetails: { redriveCount: 1 },
    });
    expect(shape(redriven.history.slice(before + 1))).toEqual([
      'TaskStateEntered:Charge',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    // Prepare (which succeeded) ran once.
    expect(
      shape(redriven.history).filter((type) => type === 'PassStateEntered:Prepare'),
    ).toHaveLength(1);
  });

  it('an inline Map runs again only the iterations that did not succeed', async () => {
    const seen: Json[] = [];
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: 'Work',
            States: {
              Work: {
                Type: 'Task',
                Resource: lambda,
                Parameters: { 'n.$': '$' },
                OutputPath: '$.n',
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    const { result } = await runThenRedrive(
      definition,
      [1, 2, 3],
      async (request) => {
        const n = (request.parameters as { n: number }).n;
        if (n === 2) throw new Error('flaky');
        return { n: n * 10 };
      },
      async (request) => {
        const n = (request.parameters as { n: number }).n;
        seen.push(n);
        return { n: n * 100 };
      },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: [10, 200, 300] });
    // Item 1 succeeded before and is not run again; 3 never ran (the Map failed at 2).
    expect(seen).toEqual([2, 3]);
  });

  it('counts redrives: a second redrive records redriveCount 2', async () => {
    const definition = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: lambda, End: true } },
    };
    const fail: TaskHandler = async () => {
      throw new Error('no');
    };
    const machine = StateMachine.fromDefinition(definition);
    const clock = new VirtualClock(0);
    const first = machine.start({ identity, input: {}, tasks: fail, clock });
    await first.result;
    const second = machine.redrive({
      identity,
      input: {},
      tasks: fail,
      clock,
      history: first.history,
    });
    expect((await second.result).status).toBe('FAILED');
    const third = machine.redrive({
      identity,
      input: {},
      tasks: async () => 'ok',
      clock,
      history: second.history,
    });
    expect(await third.result).toEqual({ status: 'SUCCEEDED', output: 'ok' });
    expect(
      third.history
        .filter((event) => event.type === 'ExecutionRedriven')
        .map((event) => event.executionRedrivenEventDetails?.redriveCount),
    ).toEqual([1, 2]);
  });

  it('refuses what AWS refuses, with the reason and message', async () => {
    const machine = StateMachine.fromDefinition({
      StartAt: 'P',
      States: { P: { Type: 'Pass', End: true } },
    });
    const clock = new VirtualClock(0);
    const succeeded = machine.start({ identity, input: {}, tasks: async () => null, clock });
    await succeeded.result;
    const attempt =
      (history = succeeded.history) =>
      () =>
        machine.redrive({ identity, input: {}, tasks: async () => null, clock, history });
    expect(attempt()).toThrow(ExecutionNotRedrivableError);
    expect(attempt()).toThrow('Execution is SUCCEEDED and cannot be redriven');
    expect(attempt(succeeded.history.slice(0, 2))).toThrow(
      'Execution is RUNNING and cannot be redriven',
    );

    const failing = StateMachine.fromDefinition({
      StartAt: 'F',
      States: { F: { Type: 'Fail', Error: 'E' } },
    });
    const failed = failing.start({ identity, input: {}, tasks: async () => null, clock });
    await failed.result;
    const late = new VirtualClock(15 * 24 * 60 * 60 * 1000);
    expect(() =>
      failing.redrive({
        identity,
        input: {},
        tasks: async () => null,
        clock: late,
        history: failed.history,
      }),
    ).toThrow(expect.objectContaining({ reason: 'TOO_OLD' }));
    const atLimit = [
      ...failed.history.slice(0, -1),
      {
        ...(failed.history.at(-1) as (typeof failed.history)[number]),
        executionFailedEventDetails: {
          error: 'States.Runtime',
          cause: 'The execution reached the maximum number of history events (25000).',
        },
      },
    ];
    expect(() =>
      failing.redrive({ identity, input: {}, tasks: async () => null, clock, history: atLimit }),
    ).toThrow(expect.objectContaining({ reason: 'HISTORY_LIMIT' }));
  });

  it('a failed Distributed Map is redriven through its parent: same Map Run, only its failed children run again', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          MaxConcurrency: 1,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Work',
            States: { Work: { Type: 'Task', Resource: lambda, End: true } },
          },
          End: true,
        },
      },
    };
    const children: ChildExecution[] = [];
    const ran: Json[] = [];
    const machine = StateMachine.fromDefinition(definition);
    const clock = new VirtualClock(0);
    const host = {
      observer: { childEnded: (child: ChildExecution) => children.push(child) },
      previousChildren: (arn: string) => children.filter((child) => child.mapRunArn === arn),
    };
    const original = machine.start({
      identity,
      input: ['a', 'b', 'c'],
      tasks: async (request) => {
        if (request.parameters === 'b') throw new Error('flaky');
        return `${request.parameters as string}1`;
      },
      clock,
      distributedMap: host,
    });
    expect(await original.result).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
    });
    const firstRun = children.slice();
    const mapRunArn = original.history.find((event) => event.type === 'MapRunStarted')
      ?.mapRunStartedEventDetails?.mapRunArn;
    const redriven = machine.redrive({
      identity,
      input: ['a', 'b', 'c'],
      tasks: async (request) => {
        ran.push(request.parameters);
        return `${request.parameters as string}2`;
      },
      clock,
      history: original.history,
      distributedMap: host,
    });
    expect(await redriven.result).toEqual({ status: 'SUCCEEDED', output: ['a1', 'b2', 'c2'] });
    expect(ran).toEqual(['b', 'c']);
    const event = redriven.history.find((e) => e.type === 'MapRunRedriven');
    expect(event?.mapRunRedrivenEventDetails).toEqual({ mapRunArn, redriveCount: 1 });
    // The failed child was redriven: same ARN, its history goes on after ExecutionRedriven.
    const failedBefore = firstRun.find((child) => child.status === 'FAILED') as ChildExecution;
    const again = children.slice(firstRun.length).find((child) => child.input === 'b');
    expect(again?.executionArn).toBe(failedBefore.executionArn);
    expect(again?.status).toBe('SUCCEEDED');
    expect(again?.history.map((e) => e.type)).toContain('ExecutionRedriven');
  });

  it('a Parallel state runs again only the branches that did not succeed', async () => {
    const ran: string[] = [];
    const branch = (name: string) => ({
      StartAt: name,
      States: {
        [name]: { Type: 'Task', Resource: lambda, Parameters: { branch: name }, End: true },
      },
    });
    const definition = {
      StartAt: 'Both',
      States: {
        Both: { Type: 'Parallel', Branches: [branch('Left'), branch('Right')], End: true },
      },
    };
    const { firstResult, result } = await runThenRedrive(
      definition,
      {},
      async (request) => {
        const name = (request.parameters as { branch: string }).branch;
        if (name === 'Right') throw new Error('down');
        return `${name} first`;
      },
      async (request) => {
        const name = (request.parameters as { branch: string }).branch;
        ran.push(name);
        return `${name} second`;
      },
    );
    expect(firstResult.status).toBe('FAILED');
    expect(result).toEqual({ status: 'SUCCEEDED', output: ['Left first', 'Right second'] });
    expect(ran).toEqual(['Right']);
  });
});
