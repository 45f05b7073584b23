import { describe, expect, it } from 'vitest';
import { StatesError } from '../../../src/index.js';
import { start } from './run.js';

const flaky = (failures: number, error = 'Flaky') => {
  const times: number[] = [];
  let calls = 0;
  return {
    times,
    handler: (clock: { now(): number }) => async () => {
      times.push(clock.now());
      calls += 1;
      if (calls <= failures) throw new StatesError(error, `attempt ${calls}`);
      return { ok: calls };
    },
  };
};

const task = (extra: object) => ({
  StartAt: 'T',
  States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...extra } },
});

describe('Retry', () => {
  it('waits IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds, on the injected clock', async () => {
    const f = flaky(3);
    const definition = task({
      Retry: [
        {
          ErrorEquals: ['Flaky'],
          IntervalSeconds: 2,
          BackoffRate: 3,
          MaxAttempts: 3,
          MaxDelaySeconds: 10,
        },
      ],
    });
    let clock: { now(): number } = { now: () => 0 };
    const run = start(definition, {}, () => f.handler(clock)());
    clock = run.clock;
    expect(await run.execution.result).toEqual({ status: 'SUCCEEDED', output: { ok: 4 } });
    expect(f.times).toEqual([0, 2000, 8000, 18000]);
  });

  it('MaxAttempts 0 never retries; States.ALL does not retry States.Runtime', async () => {
    const never = start(
      task({ Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 0 }] }),
      {},
      async () => {
        throw new StatesError('Flaky', 'once');
      },
    );
    expect(await never.execution.result).toEqual({
      status: 'FAILED',
      error: 'Flaky',
      cause: 'once',
    });
    let calls = 0;
    const runtime = start(task({ Retry: [{ ErrorEquals: ['States.ALL'] }] }), {}, async () => {
      calls += 1;
      throw new StatesError('States.Runtime', 'broken');
    });
    expect((await runtime.execution.result).error).toBe('States.Runtime');
    expect(calls).toBe(1);
  });

  it('gives $$.State.RetryCount per attempt', async () => {
    const counts: unknown[] = [];
    const definition = task({
      Parameters: { 'n.$': '$$.State.RetryCount' },
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2 }],
    });
    const run = start(definition, {}, async (request) => {
      counts.push((request.parameters as { n: number }).n);
      if (counts.length < 3) throw new StatesError('Again', '');
      return 'done';
    });
    await run.execution.result;
    expect(counts).toEqual([0, 1, 2]);
  });
});

describe('Catch', () => {
  it('puts the error output at ResultPath and goes to Next, after Retry gave up', async () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 1, IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const run = start(definition, { order: 1 }, async () => {
      throw new StatesError('Flaky', 'always');
    });
    expect(await run.execution.result).toEqual({
      status: 'SUCCEEDED',
      output: { order: 1, error: { Error: 'Flaky', Cause: 'always' } },
    });
    expect(run.execution.history.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('States.TaskFailed does not match States.Timeout', async () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          TimeoutSeconds: 5,
          Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const run = start(
      definition,
      {},
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    );
    expect(await run.execution.result).toEqual({ status: 'FAILED', error: 'States.Timeout' });
  });
});
