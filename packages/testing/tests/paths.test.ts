import { describe, expect, it } from 'vitest';
import '../src/vitest.ts';
import { assertExecution, observeExecutions, TestMachine, type TraceStep } from '../src/index.ts';

// Map iterations and Parallel branches told apart, the steps observers receive, and the
// messages a failing assertion prints.

const fanOut = TestMachine.fromDefinition(
  {
    QueryLanguage: 'JSONata',
    StartAt: 'Start',
    States: {
      Start: { Type: 'Pass', Assign: { prefix: 'order-' }, Next: 'Any Orders?' },
      'Any Orders?': {
        Type: 'Choice',
        Choices: [{ Condition: '{% $count($states.input.orders) > 0 %}', Next: 'Both' }],
        Default: 'Nothing To Do',
      },
      'Nothing To Do': { Type: 'Succeed' },
      Both: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'Each Order',
            States: {
              'Each Order': {
                Type: 'Map',
                Items: '{% $states.input.orders %}',
                ItemProcessor: {
                  StartAt: 'Price',
                  States: {
                    Price: {
                      Type: 'Task',
                      Resource: 'arn:aws:states:::lambda:invoke',
                      Arguments: { FunctionName: 'price', Payload: '{% $states.input %}' },
                      Output: '{% $states.result.Payload %}',
                      Next: 'Big?',
                    },
                    'Big?': {
                      Type: 'Choice',
                      Choices: [{ Condition: '{% $states.input.total > 100 %}', Next: 'Review' }],
                      Default: 'Done',
                    },
                    Review: {
                      Type: 'Pass',
                      Output: '{% $merge([$states.input, {"reviewed": true}]) %}',
                      Next: 'Done',
                    },
                    Done: { Type: 'Succeed' },
                  },
                },
                End: true,
              },
            },
          },
          {
            StartAt: 'Count',
            States: {
              Count: {
                Type: 'Pass',
                Output: { count: '{% $count($states.input.orders) %}', prefix: '{% $prefix %}' },
                End: true,
              },
            },
          },
        ],
        End: true,
      },
    },
  },
  {
    name: 'FanOut',
    mocks: {
      Price: (request) => ({
        Payload: {
          total: ((request.parameters as { Payload: { qty: number } }).Payload.qty ?? 0) * 60,
        },
      }),
    },
  },
);

const input = { orders: [{ qty: 1 }, { qty: 2 }, { qty: 1 }] };

describe('the path of states', () => {
  it('at the top level, in each Map iteration and in each Parallel branch', async () => {
    const execution = await fanOut.run(input);
    expect(execution).toHaveSucceeded([
      [{ total: 60 }, { total: 120, reviewed: true }, { total: 60 }],
      { count: 3, prefix: 'order-' },
    ]);
    expect(execution).toHaveTakenPath(['Start', 'Any Orders?', 'Both']);
    expect(execution.path({ state: 'Both', branch: 1 })).toEqual(['Count']);
    expect(execution.path({ state: 'Both', branch: 0 })).toEqual(['Each Order']);
    expect(execution).toHaveTakenPath(
      ['Price', 'Big?', 'Review', 'Done'],
      [
        { state: 'Both', branch: 0 },
        { state: 'Each Order', iteration: 1 },
      ],
    );
    expect(execution).toHaveTakenPath(
      ['Price', 'Big?', 'Done'],
      [
        { state: 'Both', branch: 0 },
        { state: 'Each Order', iteration: 2 },
      ],
    );
    expect(execution.visitsOf('Price').map((visit) => visit.label)).toEqual([
      'Both[0] › Each Order[0] › Price',
      'Both[0] › Each Order[1] › Price',
      'Both[0] › Each Order[2] › Price',
    ]);
    expect(execution.state('Review').input).toEqual({ total: 120 });
    expect(execution.state('Start').assignedVariables).toEqual({ prefix: 'order-' });
    expect(execution.history[0]?.type).toBe('ExecutionStarted');
    expect(execution.history.at(-1)?.type).toBe('ExecutionSucceeded');
  });

  it('a path that differs: the message shows both and where they parted', async () => {
    const execution = await fanOut.run({ orders: [] });
    const check = () => expect(execution).toHaveTakenPath(['Start', 'Any Orders?', 'Both']);
    expect(check).toThrow(
      'expected path: Start → Any Orders? → Both\nactual path:   Start → Any Orders? → Nothing To Do\nit left the expected path at step 3: expected "Both", took "Nothing To Do" after "Any Orders?"',
    );
    expect(() => assertExecution.path(execution, ['Start'])).toThrow(
      /it went on after the expected path's end: "Any Orders\?" at step 2/,
    );
    expect(() => assertExecution.failed(execution)).toThrow(
      /expected the execution to end FAILED: status SUCCEEDED, not FAILED\nexecution "test-\d+" is SUCCEEDED; the states it took:\n {2}1\. Start \(Pass\)\n {2}2\. Any Orders\? \(Choice\)\n {2}3\. Nothing To Do \(Succeed\)/,
    );
    expect(execution).not.toHaveVisited('Both');
  });
});

describe('observers', () => {
  it('receive states entered and exited, choices, retries and catches', async () => {
    const steps: string[] = [];
    const stop = observeExecutions((step: TraceStep) => {
      if (step.kind === 'chose') steps.push(`${step.visit.label} chose ${step.next}`);
      if (step.kind === 'retried')
        steps.push(`${step.visit.label} retried (${step.error.error}), attempt ${step.attempt}`);
      if (step.kind === 'caught')
        steps.push(`${step.visit.label} caught ${step.error.error} → ${step.next}`);
      if (step.kind === 'ended') steps.push(`ended ${step.result.status}`);
    });
    try {
      const retrying = TestMachine.fromDefinition({
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'f' },
            Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 1 }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fallback' }],
            End: true,
          },
          Fallback: { Type: 'Pass', End: true },
        },
      });
      await retrying.run({}, { mocks: { Call: [{ error: 'Flaky' }, { error: 'Broken' }] } });
      await fanOut.run({ orders: [{ qty: 2 }] });
    } finally {
      stop();
    }
    expect(steps).toEqual([
      'Call retried (Flaky), attempt 2',
      'Call caught Broken → Fallback',
      'ended SUCCEEDED',
      'Any Orders? chose Both',
      'Both[0] › Each Order[0] › Big? chose Review',
      'ended SUCCEEDED',
    ]);
  });
});
