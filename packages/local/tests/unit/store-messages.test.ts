import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QueueSpec, StateMachineSpec } from '../../src/assembly/app-model.js';
import { LocalExecution } from '../../src/engine/local-execution.js';
import { compileStateMachine } from '../../src/engine/local-state-machine.js';
import { TokenRegistry } from '../../src/engine/token-registry.js';
import type { SentQueueMessage } from '../../src/model/sent-messages.js';
import { LocalQueue } from '../../src/queues/local-queue.js';
import { LocalRunner } from '../../src/runner/local-runner.js';

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

describe('messages states sent, as the store keeps them', () => {
  it('reports each SQS message a state sent: queue, id and body', async () => {
    const machine: StateMachineSpec = {
      logicalId: 'M',
      name: 'm',
      arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m',
      type: 'STANDARD',
      definition: {
        StartAt: 'Send',
        States: {
          Send: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage',
            Parameters: { QueueUrl: queueSpec.url, MessageBody: { 'order.$': '$.order' } },
            End: true,
          },
        },
      },
    };
    const queue = new LocalQueue(queueSpec);
    const sent: SentQueueMessage[] = [];
    const execution = new LocalExecution(
      {
        stateMachine: compileStateMachine(machine),
        registry: new TokenRegistry(),
        targets: {
          queuesByUrl: new Map([[queueSpec.url, queue]]),
          topicsByArn: new Map(),
          functionsByName: new Map(),
        },
        region: 'us-east-1',
        onMessage: (_arn, message) => {
          if ('queueUrl' in message) sent.push(message);
        },
      },
      'send',
      { order: 3 },
    );
    const done = await execution.done;
    queue.close();
    expect(done.status).toBe('SUCCEEDED');
    const messageId = JSON.parse(done.output ?? '{}').MessageId;
    expect(sent).toEqual([
      {
        queueUrl: queueSpec.url,
        messageId,
        body: '{"order":3}',
        stateName: 'Send',
        timestamp: expect.any(Date),
      },
    ]);
  });

  it('a runner started again on the same dataDir lists the EventBridge events of the first', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-store-messages-'));
    const first = await LocalRunner.start({ dataDir });
    first.created.create({
      name: 'Put',
      type: 'STANDARD',
      roleArn: 'arn:aws:iam::000000000000:role/r',
      definition: JSON.stringify({
        StartAt: 'P',
        States: {
          P: {
            Type: 'Task',
            Resource: 'arn:aws:states:::events:putEvents',
            Parameters: { Entries: [{ Source: 's', DetailType: 'd', Detail: { n: 1 } }] },
            End: true,
          },
        },
      }),
    });
    const ended = await first.runExecution({}, { stateMachine: 'Put' });
    expect(ended.status).toBe('SUCCEEDED');
    await first.close();

    const again = await LocalRunner.start({ dataDir });
    try {
      const [message] = again.messages({ executionArn: ended.executionArn });
      expect(message).toMatchObject({
        kind: 'events',
        target: 'default',
        stateName: 'P',
        body: { source: 's', detailType: 'd', detail: '{"n":1}' },
      });
      const described = again.describeExecution(ended.executionArn);
      expect(described?.busEvents?.map((e) => e.detail)).toEqual(['{"n":1}']);
    } finally {
      await again.close();
    }
  });
});
