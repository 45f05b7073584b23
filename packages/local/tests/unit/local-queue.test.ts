import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueSpec } from '../../src/assembly/app-model.js';
import { LocalQueue } from '../../src/queues/local-queue.js';

const spec = (overrides: Partial<QueueSpec> = {}): QueueSpec => ({
  logicalId: 'Q',
  name: 'q',
  arn: 'arn:aws:sqs:us-east-1:000000000000:q',
  url: 'http://127.0.0.1/000000000000/q',
  fifo: false,
  contentBasedDeduplication: false,
  visibilityTimeoutSeconds: 30,
  delaySeconds: 0,
  ...overrides,
});

describe('LocalQueue', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hides a received message for the visibility timeout, then delivers it again', () => {
    vi.useFakeTimers();
    const queue = new LocalQueue(spec({ visibilityTimeoutSeconds: 5 }));
    queue.send({ MessageBody: 'a' });
    const [first] = queue.receive(10);
    expect(first?.receiveCount).toBe(1);
    expect(queue.receive(10)).toEqual([]);
    vi.advanceTimersByTime(5000);
    const [again] = queue.receive(10);
    expect(again?.messageId).toBe(first?.messageId);
    expect(again?.receiveCount).toBe(2);
    expect(queue.delete(again?.receiptHandle as string)).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(queue.visibleCount + queue.inFlightCount).toBe(0);
  });

  it('moves a message to the DLQ once it was received maxReceiveCount times', () => {
    vi.useFakeTimers();
    const dlq = new LocalQueue(spec({ name: 'dlq', arn: 'arn:dlq' }));
    const queue = new LocalQueue(
      spec({
        visibilityTimeoutSeconds: 1,
        redrivePolicy: { deadLetterTargetArn: 'arn:dlq', maxReceiveCount: 3 },
      }),
    );
    queue.setDeadLetterQueue(dlq);
    queue.send({ MessageBody: 'poison' });
    for (let i = 0; i < 3; i++) {
      expect(queue.receive(1)).toHaveLength(1);
      vi.advanceTimersByTime(1000);
    }
    expect(queue.visibleCount).toBe(0);
    expect(dlq.peek().map((m) => m.body)).toEqual(['poison']);
  });

  it('takes at most the batch size', () => {
    const queue = new LocalQueue(spec());
    for (let i = 0; i < 25; i++) queue.send({ MessageBody: String(i) });
    expect(queue.receive(10).map((m) => m.body)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    expect(queue.visibleCount).toBe(15);
    queue.close();
  });

  it('FIFO: keeps a group in order and gives nothing of a group with a message in flight', () => {
    vi.useFakeTimers();
    const queue = new LocalQueue(
      spec({ fifo: true, contentBasedDeduplication: true, visibilityTimeoutSeconds: 1 }),
    );
    queue.send({ MessageBody: 'a1', MessageGroupId: 'a' });
    queue.send({ MessageBody: 'b1', MessageGroupId: 'b' });
    queue.send({ MessageBody: 'a2', MessageGroupId: 'a' });
    const first = queue.receive(1);
    expect(first.map((m) => m.body)).toEqual(['a1']);
    // Group a is blocked while a1 is in flight; b is not.
    const [b1] = queue.receive(10);
    expect(b1?.body).toBe('b1');
    queue.delete(b1?.receiptHandle as string);
    // a1 comes back (not deleted) before a2.
    vi.advanceTimersByTime(1000);
    expect(queue.receive(10).map((m) => m.body)).toEqual(['a1', 'a2']);
  });

  it('FIFO: deduplicates within five minutes and requires a group id', () => {
    const queue = new LocalQueue(spec({ fifo: true, contentBasedDeduplication: true }));
    const first = queue.send({ MessageBody: 'same', MessageGroupId: 'g' });
    const second = queue.send({ MessageBody: 'same', MessageGroupId: 'g' });
    expect(second.MessageId).toBe(first.MessageId);
    expect(queue.visibleCount).toBe(1);
    expect(() => queue.send({ MessageBody: 'x' })).toThrow(/MessageGroupId/);
    queue.close();
  });
});
