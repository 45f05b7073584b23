import { describe, expect, it } from 'vitest';
import { ActivityTasks } from '../../src/integrations/activity-tasks.js';
import { chooseVersion } from '../../src/model/alias-routing.js';

const ARN = 'arn:aws:states:us-east-1:000000000000:activity:a';

describe('ActivityTasks', () => {
  it('hands waiting tasks to polls oldest first, naming the worker that took each', async () => {
    const tasks = new ActivityTasks();
    const first = tasks.schedule(
      ARN,
      { taskToken: 't1', input: '1' },
      new AbortController().signal,
    );
    const second = tasks.schedule(
      ARN,
      { taskToken: 't2', input: '2' },
      new AbortController().signal,
    );
    expect(await tasks.poll(ARN, 'w1', 1000)).toEqual({ taskToken: 't1', input: '1' });
    expect(await tasks.poll(ARN, 'w2', 1000)).toEqual({ taskToken: 't2', input: '2' });
    expect(await first).toBe('w1');
    expect(await second).toBe('w2');
  });

  it('a held poll takes the next task scheduled; one of another activity does not reach it', async () => {
    const tasks = new ActivityTasks();
    const poll = tasks.poll(ARN, 'w', 60_000);
    void tasks.schedule(
      `${ARN}-other`,
      { taskToken: 'x', input: '{}' },
      new AbortController().signal,
    );
    const taken = tasks.schedule(
      ARN,
      { taskToken: 't', input: '{}' },
      new AbortController().signal,
    );
    expect(await poll).toEqual({ taskToken: 't', input: '{}' });
    expect(await taken).toBe('w');
    expect(tasks.waitingCount(`${ARN}-other`)).toBe(1);
  });

  it('a task withdrawn (timed out, execution stopped) is never handed out', async () => {
    const tasks = new ActivityTasks();
    const controller = new AbortController();
    void tasks.schedule(ARN, { taskToken: 'gone', input: '{}' }, controller.signal);
    controller.abort();
    expect(tasks.waitingCount(ARN)).toBe(0);
    expect(await tasks.poll(ARN, 'w', 10)).toBeUndefined();
  });

  it('release ends held polls with no task', async () => {
    const tasks = new ActivityTasks();
    const poll = tasks.poll(ARN, 'w', 60_000);
    tasks.release(ARN);
    expect(await poll).toBeUndefined();
  });
});

describe('chooseVersion', () => {
  const routing = [
    { stateMachineVersionArn: 'v1', weight: 90 },
    { stateMachineVersionArn: 'v2', weight: 10 },
  ];
  it('routes each draw by cumulative weight', () => {
    expect(chooseVersion(routing, () => 0)).toBe('v1');
    expect(chooseVersion(routing, () => 0.8999)).toBe('v1');
    expect(chooseVersion(routing, () => 0.9)).toBe('v2');
    expect(chooseVersion(routing, () => 0.9999)).toBe('v2');
  });
  it('a weight of 0 is never chosen', () => {
    const zero = [
      { stateMachineVersionArn: 'never', weight: 0 },
      { stateMachineVersionArn: 'always', weight: 100 },
    ];
    for (const draw of [0, 0.5, 0.99]) expect(chooseVersion(zero, () => draw)).toBe('always');
  });
});
