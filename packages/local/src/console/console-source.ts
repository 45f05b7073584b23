import type { AppModel } from '../assembly/app-model.js';
import type { PendingTask } from '../engine/token-registry.js';
import type { LocalTopic } from '../integrations/local-topic.js';
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
  /** Retained executions, oldest first. */
  executions(): ExecutionDescription[];
  describeExecution(executionArn: string): ExecutionDescription | undefined;
  /** Open task tokens. */
  pendingTasks(): PendingTask[];
}
