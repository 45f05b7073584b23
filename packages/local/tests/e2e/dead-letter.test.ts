import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../src/index.js';
import { synthFixture } from '../fixtures/fixture-app.js';

describe('a poison message', () => {
  let runner: LocalRunner;
  const batches: { failed: number; deleted: number }[] = [];

  beforeAll(async () => {
    const assembly = await synthFixture({ visibilityTimeoutSeconds: 1, maxReceiveCount: 2 });
    runner = await LocalRunner.start({ assembly, onBatch: (report) => batches.push(report) });
  });

  afterAll(async () => {
    await runner?.close();
  });

  it('is retried through the visibility timeout, then redriven to the DLQ after maxReceiveCount', async () => {
    const queue = runner.queue('WorkerQueueE3D427EB');
    const dlq = runner.queue('WorkerDlq2A1C0A5B');
    expect(queue.spec.redrivePolicy).toEqual({
      deadLetterTargetArn: dlq.spec.arn,
      maxReceiveCount: 2,
    });

    const sent = queue.send({ MessageBody: 'this is not JSON' });
    await expect.poll(() => dlq.visibleCount, { timeout: 8000, interval: 100 }).toBe(1);

    expect(dlq.peek()[0]).toMatchObject({ messageId: sent.MessageId, body: 'this is not JSON' });
    expect(queue.visibleCount + queue.inFlightCount).toBe(0);
    // Delivered twice (maxReceiveCount), each time reported as a batch item failure.
    expect(batches.filter((b) => b.failed === 1)).toHaveLength(2);

    // Meanwhile the callback pattern still works.
    expect((await runner.runExecution({ ok: true })).status).toBe('SUCCEEDED');
  });
});
