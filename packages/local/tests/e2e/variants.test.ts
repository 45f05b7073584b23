import { afterAll, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../src/index.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';

describe('variants of the fixture app', () => {
  afterAll(removeFixtures);

  it('a JSONata state machine runs: the worker gets the token from $states.context, both paths end as on AWS', async () => {
    const runner = await LocalRunner.start({ assembly: await synthFixture({ jsonata: true }) });
    try {
      const succeeded = await runner.runExecution({ n: 1 });
      expect(succeeded.status).toBe('SUCCEEDED');
      const body = JSON.parse(
        succeeded.events[2]?.taskScheduledEventDetails?.parameters ?? '{}',
      ).MessageBody;
      expect(body).toEqual({ TaskToken: succeeded.taskTokens[0], Input: { n: 1 } });
      const failed = await runner.runExecution({ fail: true });
      expect(failed.status).toBe('FAILED');
      expect(failed.error).toBe('CallbackFailed');
      const notified = failed.events.find(
        (e) =>
          e.type === 'TaskStateEntered' && e.stateEnteredEventDetails?.name === 'Notify Failure',
      );
      expect(JSON.parse(notified?.stateEnteredEventDetails?.input ?? '{}').error).toMatchObject({
        Error: expect.any(String),
      });
    } finally {
      await runner.close();
    }
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
