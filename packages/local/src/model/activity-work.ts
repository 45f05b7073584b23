/*
 * The work at the activities: the tasks executions scheduled on them (waiting for a worker,
 * or taken by one and waiting for its answer) and the workers' GetActivityTask polls held
 * open. Two forms: the runner's, with each task token whole (server side only), and the
 * console's wire form, where a token is only ever redacted (a token is a bearer credential).
 */

/** An activity (CreateActivity). */
export interface ActivityRecord {
  readonly arn: string;
  readonly name: string;
  readonly creationDate: Date;
}

/** Where a task was scheduled from: its execution and state, and the state's deadlines. */
export interface ActivityTaskOrigin {
  readonly executionArn: string;
  readonly stateName: string;
  /** The state's TimeoutSeconds, when set. */
  readonly timeoutSeconds?: number;
  /** The state's HeartbeatSeconds, when set (its clock starts when a worker takes the task). */
  readonly heartbeatSeconds?: number;
}

/** An activity task as the runner holds it: from ActivityScheduled until the task ends. */
export interface ActivityTaskRecord extends Partial<ActivityTaskOrigin> {
  readonly activityArn: string;
  /** The token whole: never sent to a page nor written to a log. */
  readonly taskToken: string;
  /** The state's effective input, JSON text. */
  readonly input: string;
  /** Epoch milliseconds (the runner's time). */
  readonly scheduledAt: number;
  /** Set once a worker took the task (GetActivityTask): ActivityStarted's workerName. */
  readonly workerName?: string;
  /** Epoch milliseconds a worker took it at. */
  readonly startedAt?: number;
}

/** A GetActivityTask long poll held open, waiting for a task. */
export interface ActivityPollRecord {
  readonly activityArn: string;
  /** The `workerName` the worker gave ('' when none). */
  readonly workerName: string;
  /** Epoch milliseconds the poll arrived at. */
  readonly polledAt: number;
  /** Epoch milliseconds it answers at with no task, if none is scheduled before. */
  readonly answersAt: number;
}

/** Every activity task open and every poll held, oldest first. */
export interface ActivityWork {
  readonly tasks: readonly ActivityTaskRecord[];
  readonly polls: readonly ActivityPollRecord[];
}

/** An activity task as the console shows it (`/console/api/activities`). */
export interface ActivityTaskWire {
  /** The token redacted (`AQCLoc…#<hash>`): the page never gets it whole. */
  readonly redactedToken: string;
  readonly executionArn?: string;
  readonly executionName?: string;
  readonly stateName?: string;
  /** The input's first characters, tokens in it redacted. */
  readonly inputPreview: string;
  /** The input's length in characters (the preview may be shorter). */
  readonly inputLength: number;
  /** Epoch milliseconds (the server's time). */
  readonly scheduledAt: number;
  readonly workerName?: string;
  readonly startedAt?: number;
  /** Epoch milliseconds the task times out at (TimeoutSeconds), when it has one. */
  readonly timeoutAt?: number;
  /** The state's HeartbeatSeconds, when set. */
  readonly heartbeatSeconds?: number;
  /** Epoch milliseconds the next heartbeat is due by, once a worker took the task. */
  readonly heartbeatDueAt?: number;
}

/** A poll held open, as the console shows it. */
export interface ActivityPollWire {
  readonly workerName: string;
  readonly polledAt: number;
  readonly answersAt: number;
}

/** An activity and its work, as the console shows it. */
export interface ActivityWire {
  readonly activityArn: string;
  readonly name: string;
  /** Epoch seconds, as ListActivities gives it. */
  readonly creationDate: number;
  /** Scheduled, not yet taken by a worker, oldest first. */
  readonly scheduled: readonly ActivityTaskWire[];
  /** Taken by a worker, waiting for its SendTask* answer, oldest first. */
  readonly started: readonly ActivityTaskWire[];
  /** GetActivityTask polls in flight, oldest first. */
  readonly polls: readonly ActivityPollWire[];
}

/** `/console/api/activities` and the live stream's `activities` event. */
export interface ActivitiesWire {
  /** The server's time when the answer was made (epoch ms): deadlines read against it. */
  readonly now: number;
  readonly activities: readonly ActivityWire[];
}
