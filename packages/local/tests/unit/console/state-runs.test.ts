import { describe, expect, it } from 'vitest';
import { StateRuns } from '../../../console/src/history/state-runs.js';
import type { WireEvent } from '../../../src/model/console-wire.js';

/** A linear history as the local runner writes it (each event's previous is the one before). */
function history(...events: [string, Record<string, unknown>?][]): WireEvent[] {
  return events.map(([type, details], i) => ({
    id: i + 1,
    previousEventId: i,
    timestamp: 1000 + i / 10,
    type,
    ...details,
  }));
}
const entered = (name: string) => ({ stateEnteredEventDetails: { name, input: '{"in":1}' } });
const exited = (name: string) => ({ stateExitedEventDetails: { name, output: '{"out":1}' } });
const task = { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken' };

describe('StateRuns: what each state did, from the history', () => {
  it('succeeded, in progress, not run', () => {
    const runs = new StateRuns();
    runs.add(
      history(
        ['ExecutionStarted'],
        ['TaskStateEntered', entered('Wait')],
        ['TaskScheduled', { taskScheduledEventDetails: task }],
        ['TaskSucceeded', { taskSucceededEventDetails: task }],
        ['TaskStateExited', exited('Wait')],
        ['TaskStateEntered', entered('Notify Success')],
      ),
    );
    expect(runs.get('Wait')).toMatchObject({
      status: 'succeeded',
      type: 'Task',
      input: '{"in":1}',
      output: '{"out":1}',
      resource: 'sqs:sendMessage.waitForTaskToken',
    });
    expect(runs.get('Wait')?.events.map((e) => e.type)).toEqual([
      'TaskStateEntered',
      'TaskScheduled',
      'TaskSucceeded',
      'TaskStateExited',
    ]);
    expect(runs.get('Notify Success')?.status).toBe('in-progress');
    expect(runs.get('Notify Failure')).toBeUndefined();
    expect(runs.ownerOf(3)).toBe('Wait');
    expect(runs.ownerOf(1)).toBeUndefined();
  });

  it('caught: the task failed and a Catch took over; the Fail state failed', () => {
    const runs = new StateRuns();
    runs.add(
      history(
        ['ExecutionStarted'],
        ['TaskStateEntered', entered('Wait')],
        ['TaskScheduled', { taskScheduledEventDetails: task }],
        ['TaskFailed', { taskFailedEventDetails: { ...task, error: 'Boom', cause: 'it broke' } }],
        ['TaskStateExited', exited('Wait')],
        ['FailStateEntered', entered('Callback Failed')],
        ['ExecutionFailed', { executionFailedEventDetails: { error: 'CallbackFailed' } }],
      ),
    );
    expect(runs.get('Wait')).toMatchObject({ status: 'caught', error: 'Boom', cause: 'it broke' });
    expect(runs.get('Callback Failed')?.status).toBe('failed');
  });

  it('a retry that succeeds is succeeded, with the retry counted', () => {
    const runs = new StateRuns();
    runs.add(
      history(
        ['TaskStateEntered', entered('Wait')],
        ['TaskScheduled', { taskScheduledEventDetails: task }],
        ['TaskFailed', { taskFailedEventDetails: { ...task, error: 'Flaky' } }],
        ['TaskScheduled', { taskScheduledEventDetails: task }],
        ['TaskSucceeded', { taskSucceededEventDetails: task }],
        ['TaskStateExited', exited('Wait')],
      ),
    );
    expect(runs.get('Wait')).toMatchObject({ status: 'succeeded', retries: 1 });
  });

  it('an uncaught failure is failed; a state still running when the execution is stopped is cancelled', () => {
    const failed = new StateRuns();
    failed.add(
      history(
        ['TaskStateEntered', entered('Wait')],
        ['TaskScheduled', { taskScheduledEventDetails: task }],
        ['TaskFailed', { taskFailedEventDetails: { ...task, error: 'Boom' } }],
        ['ExecutionFailed', { executionFailedEventDetails: { error: 'Boom' } }],
      ),
    );
    expect(failed.get('Wait')?.status).toBe('failed');
    const aborted = new StateRuns();
    aborted.add(
      history(
        ['TaskStateEntered', entered('Wait')],
        ['TaskScheduled', { taskScheduledEventDetails: task }],
        ['ExecutionAborted', { executionAbortedEventDetails: {} }],
      ),
    );
    expect(aborted.get('Wait')?.status).toBe('cancelled');
  });

  it('folds incrementally: the same result in two batches as in one', () => {
    const events = history(
      ['ExecutionStarted'],
      ['TaskStateEntered', entered('Wait')],
      ['TaskScheduled', { taskScheduledEventDetails: task }],
      ['TaskSucceeded', { taskSucceededEventDetails: task }],
      ['TaskStateExited', exited('Wait')],
    );
    const once = new StateRuns();
    once.add(events);
    const twice = new StateRuns();
    twice.add(events.slice(0, 3));
    expect(twice.get('Wait')?.status).toBe('in-progress');
    twice.add(events.slice(3));
    expect(twice.get('Wait')).toEqual(once.get('Wait'));
  });
});
