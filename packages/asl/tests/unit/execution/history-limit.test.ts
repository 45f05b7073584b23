import { describe, expect, it } from 'vitest';
import { MAX_HISTORY_EVENTS, StateMachine, VirtualClock } from '../../../src/index.js';
import { identity } from './run.js';

const CAUSE = 'The execution reached the maximum number of history events (25000).';

/** A Pass, then an inline Map whose iterations are one Pass each: 8 + 4 × items events. */
const passThenMap = (withCatch = false) => ({
  StartAt: 'First',
  States: {
    First: { Type: 'Pass', Next: 'Each' },
    Each: {
      Type: 'Map',
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      ...(withCatch ? { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recovered' }] } : {}),
      End: true,
    },
    ...(withCatch ? { Recovered: { Type: 'Succeed' } } : {}),
  },
});

const neverEnds = {
  StartAt: 'Count',
  States: {
    Count: { Type: 'Pass', Next: 'Again' },
    Again: {
      Type: 'Choice',
      Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }],
      Default: 'Count',
    },
    Done: { Type: 'Succeed' },
  },
};

function run(definition: object, input: unknown) {
  return StateMachine.fromDefinition(definition).start({
    identity,
    input: input as never,
    tasks: async () => ({}),
    clock: new VirtualClock(0),
  });
}

const items = (count: number) => Array.from({ length: count }, (_, i) => i);

describe("AWS's history limit of 25,000 events", () => {
  it('is 25,000', () => {
    expect(MAX_HISTORY_EVENTS).toBe(25_000);
  });

  it('fails an inline Map over 30,000 items at event 25,000, counting every Map event', async () => {
    const execution = run(passThenMap(), items(30_000));
    const result = await execution.result;
    expect(result).toEqual({ status: 'FAILED', error: 'States.Runtime', cause: CAUSE });
    expect(execution.history).toHaveLength(25_000);
    const last = execution.history.at(-1);
    expect(last?.id).toBe(25_000);
    expect(last?.type).toBe('ExecutionFailed');
    expect(last?.executionFailedEventDetails).toEqual({ error: 'States.Runtime', cause: CAUSE });
    // Iteration events fill the history: they count as AWS counts them.
    const started = execution.history.filter((e) => e.type === 'MapIterationStarted').length;
    expect(started).toBeGreaterThan(5_000);
  });

  it('fails a loop that never ends, and no catcher takes the failure', async () => {
    const execution = run(neverEnds, {});
    expect(await execution.result).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: CAUSE,
    });
    expect(execution.history).toHaveLength(25_000);
    expect(
      execution.history.filter((e) => e.type.startsWith('Execution')).map((e) => e.type),
    ).toEqual(['ExecutionStarted', 'ExecutionFailed']);

    const caught = run(passThenMap(true), items(30_000));
    expect((await caught.result).status).toBe('FAILED');
    expect(caught.history).toHaveLength(25_000);
  });

  it('lets event 25,000 be ExecutionSucceeded, and fails one event later', async () => {
    // 8 + 4 × 6,248 = 25,000 events, the last one ExecutionSucceeded.
    const fits = run(passThenMap(), items(6_248));
    expect((await fits.result).status).toBe('SUCCEEDED');
    expect(fits.history).toHaveLength(25_000);
    expect(fits.history.at(-1)?.type).toBe('ExecutionSucceeded');

    const over = run(passThenMap(), items(6_249));
    expect(await over.result).toEqual({ status: 'FAILED', error: 'States.Runtime', cause: CAUSE });
    expect(over.history).toHaveLength(25_000);
    expect(over.history.at(-1)?.type).toBe('ExecutionFailed');
  });

  it('records nothing after the limit, and stop() then changes nothing', async () => {
    const events: string[] = [];
    const execution = StateMachine.fromDefinition(neverEnds).start({
      identity,
      input: {},
      tasks: async () => ({}),
      clock: new VirtualClock(0),
      onEvent: (event) => events.push(event.type),
    });
    const result = await execution.result;
    execution.stop('Late', 'after the end');
    expect(result.status).toBe('FAILED');
    expect(events).toHaveLength(25_000);
    expect(execution.history).toHaveLength(25_000);
  });
});
