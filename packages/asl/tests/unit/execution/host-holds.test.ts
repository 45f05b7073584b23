import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { holdVirtualTime, VirtualClock } from '../../../src/index.js';

describe('virtual time held by a host (holdVirtualTime from the index)', () => {
  it('does not move while the host holds it, and moves once the last hold ends', async () => {
    const clock = new VirtualClock(0);
    const release = holdVirtualTime();
    const second = holdVirtualTime();
    let fired = false;
    void clock.sleep(60_000).then(() => {
      fired = true;
    });
    // Many turns of the event loop and some real time: the work in flight is not idleness.
    await delay(30);
    expect(fired).toBe(false);
    expect(clock.now()).toBe(0);
    release();
    release(); // a second call changes nothing: the other hold still stands
    await delay(10);
    expect(fired).toBe(false);
    second();
    await delay(10);
    expect(fired).toBe(true);
    expect(clock.now()).toBe(60_000);
  });

  it('fires timers in due order once free, across several clocks waiting', async () => {
    const first = new VirtualClock(0);
    const other = new VirtualClock(1_000);
    const order: string[] = [];
    const release = holdVirtualTime();
    void first.sleep(20).then(() => order.push('first 20'));
    void first.sleep(10).then(() => order.push('first 10'));
    void other.sleep(5).then(() => order.push('other 5'));
    await delay(10);
    expect(order).toEqual([]);
    release();
    await delay(10);
    expect(order).toContain('other 5');
    expect(order.filter((name) => name.startsWith('first'))).toEqual(['first 10', 'first 20']);
    expect(other.now()).toBe(1_005);
  });
});
