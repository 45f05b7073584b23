import { describe, expect, it } from 'vitest';
import { TimerQueue } from '../../../src/time/timer-queue.js';

describe('TimerQueue', () => {
  it('fires the timers due at an instant (and earlier) in the order they were set, no later one', async () => {
    const queue = new TimerQueue();
    const fired: string[] = [];
    const set = (name: string, due: number) => queue.add(due).then(() => fired.push(name));
    const all = [set('b@20', 20), set('a@10', 10), set('c@20', 20), set('d@30', 30)];
    expect(queue.nextDue()).toBe(10);
    queue.fire(20);
    await Promise.all(all.slice(0, 3));
    expect(fired).toEqual(['b@20', 'a@10', 'c@20']);
    expect(queue.size).toBe(1);
    expect(queue.nextDue()).toBe(30);
    queue.fire(30);
    await all[3];
    expect(queue.size).toBe(0);
    expect(queue.nextDue()).toBeUndefined();
  });

  it('rejects with the reason and forgets a timer whose signal aborts, before or after it was set', async () => {
    const queue = new TimerQueue();
    const early = new AbortController();
    early.abort(new Error('already over'));
    await expect(queue.add(5, early.signal)).rejects.toThrow('already over');
    const late = new AbortController();
    const timer = queue.add(5, late.signal);
    const other = queue.add(7);
    expect(queue.size).toBe(2);
    late.abort(new Error('the task won'));
    await expect(timer).rejects.toThrow('the task won');
    expect(queue.size).toBe(1);
    expect(queue.nextDue()).toBe(7);
    queue.fire(7);
    await other;
  });
});
