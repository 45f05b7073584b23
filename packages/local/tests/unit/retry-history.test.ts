import { describe, expect, it } from 'vitest';
import type { QueueSpec, StateMachineSpec } from '../../src/assembly/app-model.js';
import { LocalExecution } from '../../src/engine/local-execution.js';
import { compileStateMachine } from '../../src/engine/local-state-machine.js';
import { TokenRegistry } from '../../src/engine/token-registry.js';
import type { LocalTopic } from '../../src/integrations/local-topic.js';
import { LocalQueue } from '../../src/queues/local-queue.js';

const queueSpec: QueueSpec = {
  logicalId: 'Q',
  name: 'q',
  arn: 'arn:aws:sqs:us-east-1:000000000000:q',
  url: 'http://127.0.0.1:1/000000000000/q',
  fifo: false,
  contentBasedDeduplication: false,
  visibilityTimeoutSeconds: 30,
  delaySeconds: 0,
};

const machine: StateMachineSpec = {
  logicalId: 'M',
  name: 'm',
  arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m',
  type: 'STANDARD',
  definition: {
    StartAt: 'Callback',
    States: {
      Callback: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: {
          QueueUrl: queueSpec.url,
          MessageBody: { 'TaskToken.$': '$$.Task.Token', 'Input.$': '$' },
        },
        TimeoutSeconds: 30,
        Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 1, IntervalSeconds: 1 }],
        End: true,
      },
    },
  },
};

describe('a retried callback task', () => {
  it('gets a fresh token per attempt, and its history keeps each attempt in order', async () => {
    const queue = new LocalQueue(queueSpec);
    const registry = new TokenRegistry();
    const tokens: string[] = [];
    // A worker stand-in: fails the first attempt, succeeds the second.
    queue.onAvailable(() => {
      for (const message of queue.receive(10)) {
        const token = JSON.parse(message.body).TaskToken as string;
        tokens.push(token);
        if (tokens.length === 1) registry.fail(token, 'Flaky', 'first attempt');
        else registry.succeed(token, { attempt: tokens.length });
        queue.delete(message.receiptHandle as string);
      }
    });
    const execution = new LocalExecution(
      {
        stateMachine: compileStateMachine(machine),
        registry,
        targets: {
          queuesByUrl: new Map([[queueSpec.url, queue]]),
          topicsByArn: new Map<string, LocalTopic>(),
          functionsByName: new Map(),
        },
        region: 'us-east-1',
      },
      'retry',
      { n: 1 },
    );
    const done = await execution.done;

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? 'null')).toEqual({ attempt: 2 });
    expect(new Set(tokens).size).toBe(2);
    expect(done.taskTokens).toEqual(tokens);
    expect(done.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const parameters = done.events
      .filter((e) => e.type === 'TaskScheduled')
      .map(
        (e) => JSON.parse(e.taskScheduledEventDetails?.parameters ?? '{}').MessageBody.TaskToken,
      );
    expect(parameters).toEqual(tokens);
    queue.close();
  });
});
