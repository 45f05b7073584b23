import { childStateMachine } from '../model/arns.js';
import type { Counts } from '../model/console-wire.js';
import type { ExecutionDescription } from '../model/execution.js';
import { redactTokensIn } from '../model/token-redaction.js';
import type { LocalQueue } from '../queues/local-queue.js';
import type { ConsoleSource } from './console-source.js';
import type { FunctionLog } from './function-log.js';
import { answerableTasks } from './pending-callbacks.js';

/** Messages of a queue the console shows at most (the oldest visible ones). */
const MESSAGES_SHOWN = 50;

function queueName(source: ConsoleSource, arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  return [...source.queues.values()].find((q) => q.spec.arn === arn)?.spec.name;
}

function deadLetterSources(source: ConsoleSource, queue: LocalQueue): string[] {
  return [...source.queues.values()]
    .filter((q) => q.spec.redrivePolicy?.deadLetterTargetArn === queue.spec.arn)
    .map((q) => q.spec.name);
}

/**
 * The counts the console's header and live stream carry: cheap to compute, small to send.
 * The child executions of Distributed Maps are counted apart: as in the AWS console, they
 * are listed under their Map Run, not among the state machines' executions.
 */
export function consoleCounts(source: ConsoleSource, log: FunctionLog): Counts {
  let executions = 0;
  let running = 0;
  let last: ExecutionDescription | undefined;
  let children = 0;
  let childrenRunning = 0;
  for (const execution of source.executions()) {
    const isRunning = execution.status === 'RUNNING';
    // A Map Run's child runs `<parent>/<label>`: read from the ARN, not from `mapRunArn`,
    // which a stored execution looks up in the store (the counts run five times a second).
    if (childStateMachine(execution.stateMachineArn)) {
      children += 1;
      if (isRunning) childrenRunning += 1;
      continue;
    }
    executions += 1;
    if (isRunning) running += 1;
    last = execution;
  }
  return {
    executions,
    running,
    lastExecutionArn: last?.executionArn ?? null,
    lastStatus: last?.status ?? null,
    mapRunChildren: children,
    mapRunChildrenRunning: childrenRunning,
    pending: answerableTasks(source).length,
    queues: [...source.queues.values()].map((q) => [q.visibleCount, q.inFlightCount]),
    published: [...source.topics.values()].reduce((sum, t) => sum + t.publishedCount, 0),
    logLines: log.count,
  };
}

/** The stack the console shows (its state machines come from the Step Functions API). */
export function consoleStack(source: ConsoleSource) {
  return { stackName: source.model.stackName, region: source.model.region };
}

/** Every queue with its counts and its oldest visible messages (bodies with tokens redacted). */
export function consoleQueues(source: ConsoleSource) {
  return [...source.queues.values()].map((queue) => {
    const sources = deadLetterSources(source, queue);
    const deadLetterQueue = queueName(source, queue.spec.redrivePolicy?.deadLetterTargetArn);
    return {
      name: queue.spec.name,
      url: queue.spec.url,
      arn: queue.spec.arn,
      fifo: queue.spec.fifo,
      visible: queue.visibleCount,
      inFlight: queue.inFlightCount,
      delayed: queue.delayedCount,
      ...(deadLetterQueue ? { deadLetterQueue } : {}),
      ...(queue.spec.redrivePolicy
        ? { maxReceiveCount: queue.spec.redrivePolicy.maxReceiveCount }
        : {}),
      deadLetterQueueOf: sources,
      messages: queue
        .peek()
        .slice(0, MESSAGES_SHOWN)
        .map((m) => ({
          messageId: m.messageId,
          sentTimestamp: m.sentTimestamp,
          receiveCount: m.receiveCount,
          body: redactTokensIn(m.body),
        })),
    };
  });
}

/** Every topic with its last messages, newest first. */
export function consoleTopics(source: ConsoleSource, shown = 100) {
  return [...source.topics.values()].map((topic) => ({
    name: topic.spec.name,
    arn: topic.spec.arn,
    published: topic.publishedCount,
    messages: topic.messages
      .slice(-shown)
      .reverse()
      .map((m) => ({
        messageId: m.messageId,
        timestamp: m.timestamp.getTime(),
        subject: m.subject,
        message: redactTokensIn(m.message),
        executionArn: m.executionArn,
        stateName: m.stateName,
      })),
  }));
}
