import type { PendingTask } from '../engine/token-registry.js';
import type {
  ActivitiesWire,
  ActivityTaskRecord,
  ActivityTaskWire,
  ActivityWire,
} from '../model/activity-work.js';
import { redactedPreview, redactToken } from '../model/token-redaction.js';
import type { ConsoleSource } from './console-source.js';

/** Characters of a task's input the console shows (the whole input may be 256 KiB). */
export const INPUT_PREVIEW_LENGTH = 200;

/**
 * A task's token redacted, hashed once per task: the live stream asks every 200 ms, and a
 * SHA-256 per task each time is most of the cost with many tasks waiting. Keyed by the record,
 * which the runner replaces only when a worker takes the task.
 */
const redactedTokens = new WeakMap<ActivityTaskRecord, string>();
function redactedTokenOf(task: ActivityTaskRecord): string {
  let redacted = redactedTokens.get(task);
  if (redacted === undefined) {
    redacted = redactToken(task.taskToken);
    redactedTokens.set(task, redacted);
  }
  return redacted;
}

/** An execution's name: the last segment of its ARN (`…:execution:<machine>:<name>`). */
const executionName = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

/**
 * A task as the console shows it: token redacted, input cut to a preview (tokens in it
 * redacted), deadlines from the token registry. A task's heartbeat clock starts when a worker
 * takes it and restarts with each SendTaskHeartbeat (the registry's due date then).
 */
function taskToWire(task: ActivityTaskRecord, open: PendingTask | undefined): ActivityTaskWire {
  const heartbeatMs =
    task.heartbeatSeconds !== undefined ? task.heartbeatSeconds * 1000 : undefined;
  const heartbeatDueAt =
    task.startedAt !== undefined && heartbeatMs !== undefined
      ? Math.max(task.startedAt + heartbeatMs, open?.heartbeatDueAt ?? 0)
      : undefined;
  const timeoutAt =
    open?.timeoutAt ??
    (task.timeoutSeconds !== undefined ? task.scheduledAt + task.timeoutSeconds * 1000 : undefined);
  return {
    redactedToken: redactedTokenOf(task),
    ...(task.executionArn !== undefined
      ? { executionArn: task.executionArn, executionName: executionName(task.executionArn) }
      : {}),
    ...(task.stateName !== undefined ? { stateName: task.stateName } : {}),
    inputPreview: redactedPreview(task.input, INPUT_PREVIEW_LENGTH),
    inputLength: task.input.length,
    scheduledAt: task.scheduledAt,
    ...(task.workerName !== undefined ? { workerName: task.workerName } : {}),
    ...(task.startedAt !== undefined ? { startedAt: task.startedAt } : {}),
    ...(timeoutAt !== undefined ? { timeoutAt } : {}),
    ...(task.heartbeatSeconds !== undefined ? { heartbeatSeconds: task.heartbeatSeconds } : {}),
    ...(heartbeatDueAt !== undefined ? { heartbeatDueAt } : {}),
  };
}

/**
 * Every activity with its work (`/console/api/activities`, and the live stream's
 * `activities` event): the tasks scheduled and not yet taken, the tasks workers took and
 * whose answer is awaited, and the GetActivityTask polls held open. Task tokens are
 * redacted: the page never gets one whole.
 */
export function consoleActivities(source: ConsoleSource): ActivitiesWire {
  const now = source.time.now();
  const work = source.activityWork();
  const open = new Map(source.pendingTasks().map((task) => [task.token, task]));
  const activities = source.activities().map(
    (activity): ActivityWire => ({
      activityArn: activity.arn,
      name: activity.name,
      creationDate: activity.creationDate.getTime() / 1000,
      scheduled: [],
      started: [],
      polls: [],
    }),
  );
  const byArn = new Map(activities.map((activity) => [activity.activityArn, activity]));
  for (const task of work.tasks) {
    const activity = byArn.get(task.activityArn);
    if (!activity) continue;
    const list = (
      task.workerName === undefined ? activity.scheduled : activity.started
    ) as ActivityTaskWire[];
    list.push(taskToWire(task, open.get(task.taskToken)));
  }
  for (const poll of work.polls) {
    const activity = byArn.get(poll.activityArn);
    if (!activity) continue;
    (activity.polls as ActivityWire['polls'][number][]).push({
      workerName: poll.workerName,
      polledAt: poll.polledAt,
      answersAt: poll.answersAt,
    });
  }
  return { now, activities };
}
