import { afterAll, describe, expect, it } from 'vitest';
import { LocalRunner, UnsupportedFeatureError } from '../../src/index.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';

describe('variants of the fixture app', () => {
  afterAll(removeFixtures);

  it('a JSONata state machine is refused with a clear error, never run wrongly', async () => {
    const assembly = await synthFixture({ jsonata: true });
    const start = LocalRunner.start({ assembly });
    await expect(start).rejects.toBeInstanceOf(UnsupportedFeatureError);
    await expect(start).rejects.toThrow(/JSONata.*not supported locally/);
  });

  it('FIFO queues: the callback pattern runs through a FIFO queue and its message group', async () => {
    const runner = await LocalRunner.start({ assembly: await synthFixture({ fifo: true }) });
    try {
      const queue = runner.queue('WorkerQueueE3D427EB');
      expect(queue.spec.fifo).toBe(true);
      expect(queue.spec.name.endsWith('.fifo')).toBe(true);
      const executions = await Promise.all([1, 2, 3].map((n) => runner.runExecution({ n })));
      expect(executions.map((e) => e.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
      const parameters = JSON.parse(
        executions[0]?.events[2]?.taskScheduledEventDetails?.parameters ?? '{}',
      );
      expect(parameters.MessageGroupId).toBe('callbacks');
      const submitted = JSON.parse(
        executions[0]?.events[4]?.taskSubmittedEventDetails?.output ?? '{}',
      );
      expect(submitted.SequenceNumber).toEqual(expect.any(String));
    } finally {
      await runner.close();
    }
  });
});
