import { describe, expect, it } from 'vitest';
import type { TaskRequest } from '../../../src/index.js';
import { shape, start } from './run.js';

const ACTIVITY = 'arn:aws:states:us-east-1:111111111111:activity:approve';

const activity = (extra: object = {}) => ({
  StartAt: 'Approve',
  States: {
    Approve: {
      Type: 'Task',
      Resource: ACTIVITY,
      Parameters: { 'order.$': '$.order' },
      End: true,
      ...extra,
    },
  },
});

describe('activity tasks', () => {
  it('schedule with the input, start when a worker takes the task (its name), succeed with the token', async () => {
    let request: TaskRequest | undefined;
    const run = start(
      activity({ TimeoutSeconds: 300, HeartbeatSeconds: 60 }),
      { order: 7 },
      (r) => {
        request = r;
        setImmediate(() =>
          run.execution.sendTaskSuccess(r.taskToken as string, { approved: true }),
        );
        return Promise.resolve('worker-1');
      },
    );
    expect(await run.execution.result).toEqual({ status: 'SUCCEEDED', output: { approved: true } });
    expect(request?.resource.activity).toBe(true);
    expect(request?.taskToken).toEqual(expect.any(String));
    expect(shape(run.execution.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered:Approve',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const [, , scheduled, started, succeeded] = run.execution.history;
    expect(scheduled?.activityScheduledEventDetails).toEqual({
      resource: ACTIVITY,
      input: '{"order":7}',
      inputDetails: { truncated: false },
      timeoutInSeconds: 300,
      heartbeatInSeconds: 60,
    });
    expect(started?.activityStartedEventDetails).toEqual({ workerName: 'worker-1' });
    expect(succeeded?.activitySucceededEventDetails).toEqual({
      output: '{"approved":true}',
      outputDetails: { truncated: false },
    });
  });

  it('SendTaskFailure is ActivityFailed with its error and cause', async () => {
    const run = start(activity(), { order: 1 }, (r) => {
      setImmediate(() => run.execution.sendTaskFailure(r.taskToken as string, 'Rejected', 'no'));
      return Promise.resolve('w');
    });
    expect(await run.execution.result).toEqual({
      status: 'FAILED',
      error: 'Rejected',
      cause: 'no',
    });
    expect(run.execution.history.at(-2)).toMatchObject({
      type: 'ActivityFailed',
      activityFailedEventDetails: { error: 'Rejected', cause: 'no' },
    });
  });

  it('no worker within TimeoutSeconds: ActivityTimedOut with States.Timeout, and no ActivityStarted', async () => {
    const run = start(activity({ TimeoutSeconds: 30 }), { order: 1 }, () => new Promise(() => {}));
    expect(await run.execution.result).toEqual({ status: 'FAILED', error: 'States.Timeout' });
    expect(run.clock.now()).toBe(30_000);
    expect(shape(run.execution.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered:Approve',
      'ActivityScheduled',
      'ActivityTimedOut',
      'ExecutionFailed',
    ]);
    expect(run.execution.history.at(-2)?.activityTimedOutEventDetails).toEqual({
      error: 'States.Timeout',
    });
  });

  it('the heartbeat clock starts when a worker takes the task, and a heartbeat restarts it', async () => {
    const run = start(activity({ HeartbeatSeconds: 10 }), { order: 1 }, (r) => {
      return new Promise<string>((resolve) => {
        // Taken 25 s after it was scheduled: more than HeartbeatSeconds, still not timed out.
        run.clock.sleep(25_000).then(() => {
          resolve('late');
          run.clock.sleep(8_000).then(() => run.execution.sendTaskHeartbeat(r.taskToken as string));
        });
      });
    });
    expect(await run.execution.result).toEqual({ status: 'FAILED', error: 'States.Timeout' });
    // Taken at 25 s, heartbeat at 33 s, timed out 10 s later.
    expect(run.clock.now()).toBe(43_000);
    expect(shape(run.execution.history).slice(3, 5)).toEqual([
      'ActivityStarted',
      'ActivityTimedOut',
    ]);
  });
});
