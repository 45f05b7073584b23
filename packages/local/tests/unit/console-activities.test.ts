import { describe, expect, it } from 'vitest';
import { consoleActivities, INPUT_PREVIEW_LENGTH } from '../../src/console/console-activities.js';
import type { ConsoleSource } from '../../src/console/console-source.js';
import { pendingCallbacks } from '../../src/console/pending-callbacks.js';
import type { PendingTask } from '../../src/engine/token-registry.js';
import { ActivityTasks } from '../../src/integrations/activity-tasks.js';

const ARN = 'arn:aws:states:us-east-1:000000000000:activity:workers';
const EXECUTION = 'arn:aws:states:us-east-1:000000000000:execution:Machine:run-1';
// A token of the form the registry issues: the console must never show it whole.
const TOKEN = 'AQCLocal1.abcdefghijklmnopqrstuvwxyz012345.ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const OTHER_TOKEN = 'AQCLocal2.bcdefghijklmnopqrstuvwxyz0123456.BCDEFGHIJKLMNOPQRSTUVWXYZ0123456';

/** A clock the test moves. */
function clock(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function sourceOf(
  tasks: ActivityTasks,
  time: { now(): number },
  pending: PendingTask[] = [],
): ConsoleSource {
  return {
    model: { stackName: 'S', region: 'us-east-1', stateMachines: [] },
    queues: new Map(),
    topics: new Map(),
    time,
    executions: () => [],
    describeExecution: () => undefined,
    pendingTasks: () => pending,
    activities: () => [{ arn: ARN, name: 'workers', creationDate: new Date(1_000_000) }],
    activityWork: () => tasks.work(),
  } as unknown as ConsoleSource;
}

describe('ActivityTasks.work', () => {
  it('lists a task scheduled, then taken (worker and time), until its attempt ends', async () => {
    const time = clock(10_000);
    const tasks = new ActivityTasks(time.now);
    const attempt = new AbortController();
    const taken = tasks.schedule(ARN, { taskToken: 't', input: '{"a":1}' }, attempt.signal, {
      executionArn: EXECUTION,
      stateName: 'Work',
      heartbeatSeconds: 5,
    });
    expect(tasks.work().tasks).toEqual([
      {
        activityArn: ARN,
        taskToken: 't',
        input: '{"a":1}',
        scheduledAt: 10_000,
        executionArn: EXECUTION,
        stateName: 'Work',
        heartbeatSeconds: 5,
      },
    ]);
    time.advance(3000);
    await tasks.poll(ARN, 'w-1', 1000);
    expect(await taken).toBe('w-1');
    expect(tasks.work().tasks).toMatchObject([{ workerName: 'w-1', startedAt: 13_000 }]);
    attempt.abort();
    expect(tasks.work().tasks).toEqual([]);
  });

  it('lists a held poll with its worker, when it arrived and when it answers; not once it ends', async () => {
    const time = clock(50_000);
    const tasks = new ActivityTasks(time.now);
    const poll = tasks.poll(ARN, 'w-2', 60_000);
    expect(tasks.work().polls).toEqual([
      { activityArn: ARN, workerName: 'w-2', polledAt: 50_000, answersAt: 110_000 },
    ]);
    void tasks.schedule(ARN, { taskToken: 't', input: '{}' }, new AbortController().signal);
    expect(await poll).toEqual({ taskToken: 't', input: '{}' });
    expect(tasks.work().polls).toEqual([]);
    expect(tasks.work().tasks).toMatchObject([{ workerName: 'w-2', startedAt: 50_000 }]);
  });
});

describe('consoleActivities', () => {
  it('groups the work by activity, tokens redacted, input previewed, deadlines computed', async () => {
    const time = clock(100_000);
    const tasks = new ActivityTasks(time.now);
    const long = JSON.stringify({ other: OTHER_TOKEN, pad: 'x'.repeat(400) });
    void tasks.schedule(ARN, { taskToken: TOKEN, input: long }, new AbortController().signal, {
      executionArn: EXECUTION,
      stateName: 'Waiting',
      timeoutSeconds: 300,
    });
    void tasks.schedule(
      ARN,
      { taskToken: OTHER_TOKEN, input: '{}' },
      new AbortController().signal,
      { executionArn: EXECUTION, stateName: 'Taken', heartbeatSeconds: 10 },
    );
    time.advance(2000);
    // The oldest task goes first: take it, then the second one.
    await tasks.poll(ARN, 'first', 1000);
    time.advance(1000);
    await tasks.poll(ARN, 'second', 1000);
    void tasks.poll(ARN, 'idle', 30_000);
    const pending: PendingTask[] = [
      { token: TOKEN, openedAt: 100_000, timeoutAt: 400_000 },
      // The registry's heartbeat clock ran from the scheduling: the worker's starts later.
      { token: OTHER_TOKEN, openedAt: 100_000, heartbeatDueAt: 110_000 },
    ];
    const wire = consoleActivities(sourceOf(tasks, time, pending));
    const text = JSON.stringify(wire);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(OTHER_TOKEN);
    expect(wire.now).toBe(103_000);
    const [activity] = wire.activities;
    expect(activity).toMatchObject({ activityArn: ARN, name: 'workers', creationDate: 1000 });
    expect(activity?.scheduled).toEqual([]);
    expect(activity?.polls).toEqual([
      { workerName: 'idle', polledAt: 103_000, answersAt: 133_000 },
    ]);
    const [first, second] = activity?.started ?? [];
    expect(first).toMatchObject({
      executionArn: EXECUTION,
      executionName: 'run-1',
      stateName: 'Waiting',
      workerName: 'first',
      scheduledAt: 100_000,
      startedAt: 102_000,
      timeoutAt: 400_000,
      inputLength: long.length,
    });
    expect(first?.redactedToken).toMatch(/^AQCLoc…#[0-9a-f]{12}$/);
    expect(first?.inputPreview.length).toBeLessThanOrEqual(INPUT_PREVIEW_LENGTH);
    expect(first?.inputPreview).toContain('AQCLoc…#');
    expect(first?.heartbeatDueAt).toBeUndefined();
    expect(second).toMatchObject({
      workerName: 'second',
      startedAt: 103_000,
      heartbeatSeconds: 10,
    });
    expect(second?.heartbeatDueAt).toBe(113_000);
  });

  it('a task not yet taken is listed as scheduled, with no heartbeat running yet', () => {
    const time = clock(0);
    const tasks = new ActivityTasks(time.now);
    void tasks.schedule(ARN, { taskToken: TOKEN, input: '{}' }, new AbortController().signal, {
      executionArn: EXECUTION,
      stateName: 'Waiting',
      heartbeatSeconds: 10,
      timeoutSeconds: 60,
    });
    const [activity] = consoleActivities(sourceOf(tasks, time)).activities;
    expect(activity?.started).toEqual([]);
    expect(activity?.scheduled).toMatchObject([
      { stateName: 'Waiting', timeoutAt: 60_000, heartbeatSeconds: 10 },
    ]);
    expect(activity?.scheduled[0]?.heartbeatDueAt).toBeUndefined();
  });

  it('a preview never ends in a token cut in two (it would escape redaction)', () => {
    const time = clock(0);
    const tasks = new ActivityTasks(time.now);
    const input = `${'x'.repeat(INPUT_PREVIEW_LENGTH - 30)}${OTHER_TOKEN}`;
    void tasks.schedule(ARN, { taskToken: TOKEN, input }, new AbortController().signal);
    const preview = consoleActivities(sourceOf(tasks, time)).activities[0]?.scheduled[0]
      ?.inputPreview as string;
    expect(preview.endsWith('…')).toBe(true);
    expect(preview).not.toContain(OTHER_TOKEN.slice(0, 20));
  });
});

describe('pendingCallbacks', () => {
  it("names an activity token's state, activity and input (in no TaskScheduled event)", () => {
    const time = clock(0);
    const tasks = new ActivityTasks(time.now);
    void tasks.schedule(ARN, { taskToken: TOKEN, input: '{"n":1}' }, new AbortController().signal, {
      executionArn: EXECUTION,
      stateName: 'Waiting',
    });
    const source = {
      ...sourceOf(tasks, time, [{ token: TOKEN, openedAt: 0 }]),
      executions: () => [
        {
          executionArn: EXECUTION,
          name: 'run-1',
          stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Machine',
          status: 'RUNNING',
          taskTokens: [TOKEN],
          events: [],
        },
      ],
    } as unknown as ConsoleSource;
    // No worker took it yet: its token reaches nobody (as on AWS before GetActivityTask).
    expect(pendingCallbacks(source)).toEqual([]);
    void tasks.poll(ARN, 'worker-1', 1000);
    expect(pendingCallbacks(source)).toMatchObject([
      { stateName: 'Waiting', resource: ARN, parameters: '{"n":1}', executionName: 'run-1' },
    ]);
  });
});
