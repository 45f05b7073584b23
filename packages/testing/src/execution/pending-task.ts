import { inspect } from 'node:util';
import { type Execution, type Json, type TaskRequest, TaskTokenError } from '@sfn-callback/asl';
import { StateMachineTestError } from '../errors.js';

/** What a pending task needs from its execution. */
export interface PendingTaskHost {
  execution(): Execution;
  /** The test let go of the task: time may move on until it times out. */
  release(task: PendingTask): void;
  /** Resolves once the task's token is closed (answered or timed out). */
  closed(task: PendingTask): Promise<void>;
  /** Something the test did may let the execution move on. */
  settle(): void;
}

/** The payload a task sent: SQS `MessageBody`, SNS `Message`, Lambda `Payload`, ... (JSON text parsed). */
function messageOf(request: TaskRequest): Json {
  const parameters = (request.parameters ?? {}) as Record<string, Json>;
  const field = {
    sqs: 'MessageBody',
    sns: 'Message',
    lambda: 'Payload',
    events: 'Entries',
    states: 'Input',
  }[request.resource.resourceType];
  const value = field !== undefined && field in parameters ? parameters[field] : parameters;
  if (typeof value !== 'string') return value as Json;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return value;
  }
}

/**
 * A `.waitForTaskToken` task that no mock answers, waiting for the test: its token and
 * the message it sent, and the answers a worker would give (SendTaskSuccess,
 * SendTaskFailure, SendTaskHeartbeat). Time stands still while it is open, unless the test
 * advances it or lets the task time out.
 */
export class PendingTask {
  /** The Task state. */
  readonly stateName: string;
  /** The task token (a bearer credential on AWS: never printed, not even here). */
  readonly token: string;
  /** The message the task sent: SQS `MessageBody`, SNS `Message`, Lambda `Payload` (JSON text parsed), else the parameters. */
  readonly message: Json;
  /** The task's evaluated `Parameters` / `Arguments`. */
  readonly parameters: Json;
  /** The context object at the task, as `$$` shows it (`$$.Map.Item.Index` in a Map iteration). */
  readonly context: Json;
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  readonly #host: PendingTaskHost;
  #open = true;

  /** @internal created by the execution when a task starts waiting for the test. */
  constructor(request: TaskRequest, host: PendingTaskHost) {
    this.stateName = request.stateName;
    this.token = request.taskToken as string;
    this.message = messageOf(request);
    this.parameters = request.parameters;
    this.context = request.context;
    this.attempt = request.attempt;
    this.timeoutSeconds = request.timeoutSeconds;
    this.heartbeatSeconds = request.heartbeatSeconds;
    this.#host = host;
  }

  /** Whether the token is still open. */
  get open(): boolean {
    return this.#open;
  }

  /** @internal the token was closed (answered, timed out, or the execution ended). */
  close(): void {
    this.#open = false;
  }

  /** SendTaskSuccess with this output. @throws StateMachineTestError `TASK_CLOSED` */
  succeed(output: Json): void {
    this.#send(() => this.#host.execution().sendTaskSuccess(this.token, output));
  }

  /** SendTaskFailure with this error and cause. @throws StateMachineTestError `TASK_CLOSED` */
  fail(error?: string, cause?: string): void {
    this.#send(() => this.#host.execution().sendTaskFailure(this.token, error, cause));
  }

  /** SendTaskHeartbeat. @throws StateMachineTestError `TASK_CLOSED` */
  heartbeat(): void {
    this.#send(() => this.#host.execution().sendTaskHeartbeat(this.token));
  }

  /**
   * Lets time pass, with no answer, until the task times out (its `HeartbeatSeconds` or
   * `TimeoutSeconds`, whichever comes first); resolves once its token is closed.
   */
  timeOut(): Promise<void> {
    this.#host.release(this);
    return this.#host.closed(this);
  }

  #send(send: () => void): void {
    try {
      send();
    } catch (error) {
      if (error instanceof TaskTokenError) {
        throw new StateMachineTestError(
          'TASK_CLOSED',
          `the task of state "${this.stateName}" is no longer open (${error.code}: ${error.message.replaceAll(this.token, '<token>')})`,
        );
      }
      throw error;
    }
    this.#host.settle();
  }

  /** The task without its token, for snapshots and logs. */
  toJSON(): Record<string, unknown> {
    return {
      stateName: this.stateName,
      message: this.message,
      attempt: this.attempt,
      open: this.#open,
    };
  }

  [inspect.custom](): string {
    return `PendingTask ${inspect(this.toJSON())}`;
  }
}
