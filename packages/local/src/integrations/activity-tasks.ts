/** A task an activity worker took: what GetActivityTask answers. */
export interface ActivityTask {
  readonly taskToken: string;
  /** The state's effective input, JSON text. */
  readonly input: string;
}

interface WaitingTask extends ActivityTask {
  /** Hands the task to a worker: the engine records ActivityStarted with its name. */
  readonly take: (workerName: string) => void;
}

interface WaitingWorker {
  readonly workerName: string;
  readonly hand: (task: ActivityTask | undefined) => void;
}

/**
 * The activity tasks the executions scheduled and the workers polling for them
 * (GetActivityTask), per activity ARN, first come first served on both sides: a scheduled
 * task goes at once to the longest-waiting worker, else waits for the next poll; a poll
 * takes the oldest waiting task at once, else is held until one is scheduled or its hold
 * time ends (AWS holds it up to 60 s, then answers with no task).
 */
export class ActivityTasks {
  readonly #tasks = new Map<string, WaitingTask[]>();
  readonly #workers = new Map<string, WaitingWorker[]>();

  /**
   * Schedules a task of an activity; resolves with the name of the worker that took it.
   * Aborting `signal` (the task timed out, the execution stopped) withdraws it.
   */
  schedule(activityArn: string, task: ActivityTask, signal: AbortSignal): Promise<string> {
    return new Promise<string>((resolve) => {
      const worker = this.#workers.get(activityArn)?.shift();
      if (worker) {
        worker.hand(task);
        resolve(worker.workerName);
        return;
      }
      const waiting: WaitingTask = { ...task, take: resolve };
      const queue = this.#tasks.get(activityArn) ?? [];
      queue.push(waiting);
      this.#tasks.set(activityArn, queue);
      signal.addEventListener('abort', () => remove(this.#tasks, activityArn, waiting), {
        once: true,
      });
    });
  }

  /**
   * GetActivityTask: the oldest waiting task of the activity, or the next one scheduled
   * within `holdMs`; undefined when none comes (or {@link release} ends the hold).
   */
  poll(activityArn: string, workerName: string, holdMs: number): Promise<ActivityTask | undefined> {
    const task = this.#tasks.get(activityArn)?.shift();
    if (task) {
      task.take(workerName);
      return Promise.resolve({ taskToken: task.taskToken, input: task.input });
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        remove(this.#workers, activityArn, worker);
        resolve(undefined);
      }, holdMs);
      const worker: WaitingWorker = {
        workerName,
        hand: (handed) => {
          clearTimeout(timer);
          resolve(handed);
        },
      };
      const queue = this.#workers.get(activityArn) ?? [];
      queue.push(worker);
      this.#workers.set(activityArn, queue);
    });
  }

  /** Tasks waiting for a worker, of one activity. */
  waitingCount(activityArn: string): number {
    return this.#tasks.get(activityArn)?.length ?? 0;
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
