import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { QueueSpec } from '../../src/assembly/app-model.js';
import { parseCliArgs } from '../../src/cli/parse-args.js';
import { LocalQueue } from '../../src/queues/local-queue.js';
import { localTime } from '../../src/time/local-time.js';

const spec = (overrides: Partial<QueueSpec> = {}): QueueSpec => ({
  logicalId: 'Q',
  name: 'q',
  arn: 'arn:aws:sqs:us-east-1:000000000000:q',
  url: 'http://127.0.0.1/000000000000/q',
  fifo: false,
  contentBasedDeduplication: false,
  visibilityTimeoutSeconds: 180,
  delaySeconds: 0,
  ...overrides,
});

/** Resolves once `queue` has a visible message (a few real milliseconds at most here). */
const visible = (queue: LocalQueue) =>
  new Promise<void>((resolve) => {
    if (queue.visibleCount > 0) resolve();
    else queue.onAvailable(resolve);
  });

describe('a queue on virtual time', () => {
  it('brings a message back after its 3-minute visibility timeout at once, timestamped on the clock', async () => {
    const time = localTime('virtual', 0);
    const queue = new LocalQueue(spec(), time);
    queue.send({ MessageBody: 'a' });
    const [first] = queue.receive(10);
    expect(first?.sentTimestamp).toBe(0);
    await visible(queue);
    expect(time.now()).toBe(180_000);
    const [again] = queue.receive(10);
    expect(again).toMatchObject({ messageId: first?.messageId, receiveCount: 2 });
    queue.close();
  });

  it('delays a message by DelaySeconds of the clock', async () => {
    const time = localTime('virtual', 0);
    const queue = new LocalQueue(spec({ delaySeconds: 900 }), time);
    queue.send({ MessageBody: 'later' });
    expect(queue.delayedCount).toBe(1);
    await visible(queue);
    expect(time.now()).toBe(900_000);
    expect(queue.delayedCount).toBe(0);
    queue.close();
  });

  it('keeps the message hidden while work is in flight, and lets it go when that work ends', async () => {
    const time = localTime('virtual', 0);
    const queue = new LocalQueue(spec(), time);
    queue.send({ MessageBody: 'a' });
    queue.receive(10);
    const invocation = time.work.begin('invocation');
    expect(time.work.counts).toEqual({ invocation: 1, delivery: 0, request: 0 });
    await delay(30);
    expect(queue.visibleCount).toBe(0);
    expect(time.now()).toBe(0);
    invocation();
    await visible(queue);
    expect(time.now()).toBe(180_000);
    expect(time.work.total).toBe(0);
    queue.close();
  });

  it('a deleted message cancels its timer: the clock has nothing to jump to', async () => {
    const time = localTime('virtual', 0);
    const queue = new LocalQueue(spec(), time);
    queue.send({ MessageBody: 'a' });
    const [message] = queue.receive(10);
    expect(queue.delete(message?.receiptHandle as string)).toBe(true);
    await delay(20);
    expect(time.now()).toBe(0);
    expect(queue.visibleCount).toBe(0);
  });
});

describe('--time', () => {
  it('takes virtual or real, and leaves the default to the command', () => {
    expect(parseCliArgs(['run', '--time', 'real']).time).toBe('real');
    expect(parseCliArgs(['serve', '--time=virtual']).time).toBe('virtual');
    expect(parseCliArgs(['run']).time).toBeUndefined();
  });

  it('refuses anything else, naming both', () => {
    expect(() => parseCliArgs(['run', '--time', 'fast'])).toThrow(
      '--time must be virtual or real, got fast',
    );
  });
});
