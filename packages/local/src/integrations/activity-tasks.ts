import type {
  ActivityPollRecord,
  ActivityTaskOrigin,
  ActivityTaskRecord,
  ActivityWork,
} from '../model/activity-work.js';

/** A task an activity worker took: what GetActivityTask answers. */
export interface ActivityTask {
  readonly taskToken: string;
  /** The state's effective input, JSON text. */
  readonly input: string;
}

interface OpenTask {
  record: ActivityTaskRecord;
  /** Hands the task to a worker: the engine records ActivityStarted with its name. */
  readonly take: (workerName: string) => void;
}

interface WaitingWorker {
  readonly record: ActivityPollRecord;
  readonly hand: (task: ActivityTask | undefined) => void;
}

/**
 * The activity tasks the executions scheduled and the workers polling for them
 * (GetActivityTask), per activity ARN, first come first served on both sides: a scheduled
 * task goes at once to the longest-waiting worker, else waits for the next poll; a poll
 * takes the oldest waiting task at once, else is held until one is scheduled or its hold
 * time ends (AWS holds it up to 60 s, then answers with no task).
 *
 * A task stays known after a worker took it, until its attempt ends (answered, timed out,
 * execution stopped): {@link work} lists what waits where, for the console.
 */
export class ActivityTasks {
  readonly #waiting = new Map<string, OpenTask[]>();
  readonly #workers = new Map<string, WaitingWorker[]>();
  /** Every open task, waiting or taken, in scheduling order. */
  readonly #open = new Set<OpenTask>();
  readonly #now: () => number;

  /** @param now the runner's time (epoch ms). @default Date.now */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * Schedules a task of an activity; resolves with the name of the worker that took it.
   * Aborting `signal` (the attempt ended: answered, timed out, the execution stopped)
   * withdraws it. `origin` says where it was scheduled from, for {@link work}.
   */
  schedule(
    activityArn: string,
    task: ActivityTask,
    signal: AbortSignal,
    origin?: ActivityTaskOrigin,
  ): Promise<string> {
    return new Promise<string>((resolve) => {
      const open: OpenTask = {
        record: { ...origin, ...task, activityArn, scheduledAt: this.#now() },
        take: (workerName) => {
          open.record = { ...open.record, workerName, startedAt: this.#now() };
          resolve(workerName);
        },
      };
      if (signal.aborted) return;
      this.#open.add(open);
      signal.addEventListener(
        'abort',
        () => {
          this.#open.delete(open);
          remove(this.#waiting, activityArn, open);
        },
        { once: true },
      );
      const worker = this.#workers.get(activityArn)?.shift();
      if (this.#workers.get(activityArn)?.length === 0) this.#workers.delete(activityArn);
      if (worker) {
        open.take(worker.record.workerName);
        worker.hand(task);
        return;
      }
      const queue = this.#waiting.get(activityArn) ?? [];
      queue.push(open);
      this.#waiting.set(activityArn, queue);
    });
  }

  /**
   * GetActivityTask: the oldest waiting task of the activity, or the next one scheduled
   * within `holdMs`; undefined when none comes (or {@link release} ends the hold).
   */
  poll(activityArn: string, workerName: string, holdMs: number): Promise<ActivityTask | undefined> {
    const queue = this.#waiting.get(activityArn);
    const task = queue?.shift();
    if (queue?.length === 0) this.#waiting.delete(activityArn);
    if (task) {
      task.take(workerName);
      return Promise.resolve({ taskToken: task.record.taskToken, input: task.record.input });
    }
    return new Promise((resolve) => {
      const polledAt = this.#now();
      const timer = setTimeout(() => {
        remove(this.#workers, activityArn, worker);
        resolve(undefined);
      }, holdMs);
      const worker: WaitingWorker = {
        record: { activityArn, workerName, polledAt, answersAt: polledAt + holdMs },
        hand: (handed) => {
          clearTimeout(timer);
          resolve(handed);
        },
      };
      const workers = this.#workers.get(activityArn) ?? [];
      workers.push(worker);
      this.#workers.set(activityArn, workers);
    });
  }

  /** Tasks waiting for a worker, of one activity. */
  waitingCount(activityArn: string): number {
    return this.#waiting.get(activityArn)?.length ?? 0;
  }

  /** The open tasks (waiting for a worker or taken by one) and the polls held, oldest first. */
  work(): ActivityWork {
    return {
      tasks: [...this.#open].map((task) => task.record),
      polls: [...this.#workers.values()].flat().map((worker) => worker.record),
    };
  }

  /** Ends the held polls of an activity (it was deleted, or the runner closes) with no task. */
  release(activityArn?: string): void {
    const arns = activityArn === undefined ? [...this.#workers.keys()] : [activityArn];
    for (const arn of arns) {
      for (const worker of this.#workers.get(arn) ?? []) worker.hand(undefined);
      this.#workers.delete(arn);
    }
  }
}

function remove<T>(queues: Map<string, T[]>, key: string, item: T): void {
  const queue = queues.get(key);
  if (!queue) return;
  const index = queue.indexOf(item);
  if (index >= 0) queue.splice(index, 1);
  if (queue.length === 0) queues.delete(key);
}
