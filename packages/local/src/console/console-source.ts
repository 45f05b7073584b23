import type { AppModel } from '../assembly/app-model.js';
import type { PendingTask } from '../engine/token-registry.js';
import type { LocalTopic } from '../integrations/local-topic.js';
import type { ActivityRecord, ActivityWork } from '../model/activity-work.js';
import type { ExecutionDescription } from '../model/execution.js';
import type { LocalQueue } from '../queues/local-queue.js';

/**
 * What the console reads from the runner. Executions are read only through their
 * description and their history in AWS's event shape (GetExecutionHistory's), so the
 * console keeps working whatever engine produces them.
 */
export interface ConsoleSource {
  readonly model: AppModel;
  readonly queues: ReadonlyMap<string, LocalQueue>;
  readonly topics: ReadonlyMap<string, LocalTopic>;
  /** The runner's time (real, or virtual): the clock its dates and deadlines are on. */
  readonly time: { now(): number };
  /** Retained executions, oldest first. */
  executions(): ExecutionDescription[];
  describeExecution(executionArn: string): ExecutionDescription | undefined;
  /** Open task tokens. */
  pendingTasks(): PendingTask[];
  /** The activities, oldest first. */
  activities(): readonly ActivityRecord[];
  /** The activity tasks open (waiting for a worker, or taken by one) and the polls held. */
  activityWork(): ActivityWork;
}
