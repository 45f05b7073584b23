import type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';
import type { PendingTask } from '../engine/token-registry.js';
import type { ActivityWork } from '../model/activity-work.js';
import type { PendingCallback } from '../model/console-wire.js';
import { redactToken, redactTokensIn } from '../model/token-redaction.js';
import type { ConsoleSource } from './console-source.js';

/** The state whose entry began `event`: the `…StateEntered` event up its previousEventId chain. */
function enteringState(events: readonly HistoryEvent[], event: HistoryEvent): string | undefined {
  let at: HistoryEvent | undefined = event;
  while (at) {
    if (at.type.endsWith('StateEntered')) return at.stateEnteredEventDetails?.name;
    at = at.previousEventId > 0 ? events[at.previousEventId - 1] : undefined;
  }
  return undefined;
}

/**
 * The open task tokens someone could answer: all but those of activity tasks no worker has
 * taken yet (on AWS such a token reaches nobody before GetActivityTask hands it over; the
 * Activities page shows those tasks as waiting for a worker).
 */
export function answerableTasks(
  source: ConsoleSource,
  work: ActivityWork = source.activityWork(),
): PendingTask[] {
  const untaken = new Set(
    work.tasks.filter((task) => task.workerName === undefined).map((task) => task.taskToken),
  );
  const pending = source.pendingTasks();
  return untaken.size === 0 ? pending : pending.filter((task) => !untaken.has(task.token));
}

/**
 * The open task tokens with where they wait: the execution that holds each (its
 * `taskTokens`) and, from its history, the TaskScheduled event whose parameters carry the
 * token and the state it belongs to, or for an activity's token the activity task's state,
 * activity ARN and input.
 */
export function pendingCallbacks(source: ConsoleSource): PendingCallback[] {
  const work = source.activityWork();
  const pending = answerableTasks(source, work);
  if (pending.length === 0) return [];
  // An activity's token is in no TaskScheduled event: the activity's work says where it waits.
  const activityTasks = new Map(work.tasks.map((task) => [task.taskToken, task]));
  const holders = new Map<string, ReturnType<ConsoleSource['executions']>[number]>();
  for (const execution of source.executions()) {
    if (execution.status !== 'RUNNING') continue;
    for (const token of execution.taskTokens) holders.set(token, execution);
  }
  return pending.map((task) => {
    const execution = holders.get(task.token);
    const base: PendingCallback = {
      token: task.token,
      redactedToken: redactToken(task.token),
      openedAt: task.openedAt,
      ...(task.timeoutAt !== undefined ? { timeoutAt: task.timeoutAt } : {}),
      ...(task.heartbeatDueAt !== undefined ? { heartbeatDueAt: task.heartbeatDueAt } : {}),
    };
    if (!execution) return base;
    const events = execution.events;
    let scheduled: HistoryEvent | undefined;
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i] as HistoryEvent;
      if (
        event.type === 'TaskScheduled' &&
        event.taskScheduledEventDetails?.parameters?.includes(task.token)
      ) {
        scheduled = event;
        break;
      }
    }
    const activityTask = activityTasks.get(task.token);
    if (!scheduled && activityTask) {
      return {
        ...base,
        executionArn: execution.executionArn,
        executionName: execution.name,
        stateMachineArn: execution.stateMachineArn,
        ...(activityTask.stateName !== undefined ? { stateName: activityTask.stateName } : {}),
        resource: activityTask.activityArn,
        parameters: redactTokensIn(activityTask.input),
      };
    }
    const stateName = scheduled ? enteringState(events, scheduled) : undefined;
    return {
      ...base,
      executionArn: execution.executionArn,
      executionName: execution.name,
      stateMachineArn: execution.stateMachineArn,
      ...(stateName !== undefined ? { stateName } : {}),
      ...(scheduled?.taskScheduledEventDetails
        ? {
            resource: scheduled.taskScheduledEventDetails.resource,
            parameters: redactTokensIn(scheduled.taskScheduledEventDetails.parameters ?? ''),
          }
        : {}),
    };
  });
}
