import { MAX_TIMER_SECONDS } from '../constants.js';
import type { LocalEngine, TaskHandler } from '../engine/local-engine.js';
import type { TaskStateInfo } from '../engine/prepare-definition.js';
import { ExecutionHistory, NOT_TRUNCATED } from '../history/execution-history.js';
import { translateEngineEvent } from '../history/translate-engine-event.js';
import type { HistoryEvent, PendingHistoryEvent } from '../history/types.js';
import type { TaskOutcome, TokenRegistry } from '../tokens/token-registry.js';
import type { TopicMessage } from '../topics/local-topic.js';
import { callIntegration, type IntegrationTargets, taskError } from './integrations.js';

/** An execution's status, as DescribeExecution names it. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What the runner knows about an execution. */
export interface ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  /** JSON text. */
  readonly input: string;
  /** JSON text, when SUCCEEDED. */
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  /** The history so far, in AWS's event shape. */
  readonly events: readonly HistoryEvent[];
  /** SNS messages the execution's states published. */
  readonly notifications: readonly TopicMessage[];
  /** Task tokens issued to the execution (so that output can redact them). */
  readonly taskTokens: readonly string[];
}

/** What an execution needs from the runner. */
export interface ExecutionEnvironment {
  readonly engine: LocalEngine;
  readonly registry: TokenRegistry;
  readonly targets: IntegrationTargets;
  readonly region: string;
}

/**
 * One execution: drives the engine with the runner's Task handlers and a context whose
 * `Task.Token` getter issues tokens, and builds the execution's history in AWS's shape.
 */
export class LocalExecution implements ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly startDate = new Date();
  readonly input: string;
  status: ExecutionStatus = 'RUNNING';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  readonly notifications: TopicMessage[] = [];
  readonly taskTokens: string[] = [];
  /** Resolves when the execution has ended and its history is complete. */
  readonly done: Promise<ExecutionDescription>;
  readonly #history = new ExecutionHistory();
  readonly #attempts = new Map<string, number>();
  readonly #env: ExecutionEnvironment;
  #lastToken: string | undefined;
  readonly #openTokens = new Set<string>();
  #abortDetails: { error?: string; cause?: string } | undefined;
  #abort: () => void = () => {};

  constructor(env: ExecutionEnvironment, name: string, input: unknown) {
    this.#env = env;
    const spec = env.engine.spec;
    this.name = name;
    this.stateMachineArn = spec.arn;
    this.executionArn = `${spec.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    this.input = JSON.stringify(input ?? {});
    this.done = this.#run(input);
  }

  get events(): readonly HistoryEvent[] {
    return this.#history.events;
  }

  /** Stops the execution (StopExecution): its open tasks are closed, their tokens refused. */
  abort(details: { error?: string; cause?: string } = {}): void {
    if (this.status !== 'RUNNING' || this.#abortDetails) return;
    this.#abortDetails = details;
    this.#abort();
    for (const token of this.#openTokens) this.#env.registry.cancel(token);
  }

  async #run(input: unknown): Promise<ExecutionDescription> {
    const { engine } = this.#env;
    const execution = this;
    const context = {
      Execution: {
        Id: this.executionArn,
        Name: this.name,
        RoleArn: engine.spec.roleArn ?? '',
        RedriveCount: 0,
      },
      StateMachine: { Id: engine.spec.arn, Name: engine.spec.name },
      Task: {
        get Token(): string {
          const token = execution.#env.registry.issue();
          execution.#lastToken = token;
          execution.taskTokens.push(token);
          return token;
        },
      },
    };
    const handlers: Record<string, TaskHandler> = {};
    for (const info of engine.prepared.tasks.values()) {
      handlers[info.name] = (parameters) =>
        this.#runTask(info, parameters as Record<string, unknown>);
    }
    const run = engine.run(input ?? {}, handlers, context);
    this.#abort = run.abort;
    const translation = {
      roleArn: engine.spec.roleArn,
      abortDetails: () => this.#abortDetails ?? {},
      taskResource: (state: string) => engine.prepared.tasks.get(state)?.resource,
    };
    const consumed = (async () => {
      for await (const event of run.events) translateEngineEvent(event, this.#history, translation);
    })();
    try {
      const output = await run.result;
      this.output = JSON.stringify(output ?? null);
      this.status = 'SUCCEEDED';
    } catch (error) {
      const name = (error as Error).name;
      this.status =
        name === 'ExecutionTimeoutError'
          ? 'TIMED_OUT'
          : name === 'ExecutionAbortedError'
            ? 'ABORTED'
            : 'FAILED';
    }
    await consumed;
    this.stopDate = new Date();
    const last = this.#history.events.at(-1);
    const failure =
      last?.executionFailedEventDetails ??
      last?.executionTimedOutEventDetails ??
      last?.executionAbortedEventDetails;
    if (failure) {
      if (failure.error !== undefined) this.error = failure.error;
      if (failure.cause !== undefined) this.cause = failure.cause;
    }
    return this;
  }

  #taskEvent(state: string, attempt: number, event: PendingHistoryEvent): void {
    this.#history.appendTaskEvent(state, attempt, event);
  }

  async #runTask(info: TaskStateInfo, parameters: Record<string, unknown>): Promise<unknown> {
    const attempt = (this.#attempts.get(info.name) ?? 0) + 1;
    this.#attempts.set(info.name, attempt);
    const token = this.#lastToken;
    this.#lastToken = undefined;
    const { resourceType, resource } = info.resource;
    const where = { resourceType, resource };
    this.#taskEvent(info.name, attempt, {
      timestamp: new Date(),
      type: 'TaskScheduled',
      taskScheduledEventDetails: {
        ...where,
        region: this.#env.region,
        parameters: JSON.stringify(parameters),
        ...(info.timeoutSeconds !== undefined ? { timeoutInSeconds: info.timeoutSeconds } : {}),
        ...(info.heartbeatSeconds !== undefined
          ? { heartbeatInSeconds: info.heartbeatSeconds }
          : {}),
      },
    });
    this.#taskEvent(info.name, attempt, {
      timestamp: new Date(),
      type: 'TaskStarted',
      taskStartedEventDetails: where,
    });
    const origin = {
      executionArn: this.executionArn,
      stateName: info.name,
      onPublish: (message: TopicMessage) => this.notifications.push(message),
    };
    const failed = (error: string, cause: string) => {
      this.#taskEvent(info.name, attempt, {
        timestamp: new Date(),
        type: 'TaskFailed',
        taskFailedEventDetails: { ...where, error, cause },
      });
      return taskError(error, cause);
    };

    if (!info.resource.waitForTaskToken) {
      let output: unknown;
      try {
        output = await callIntegration(info.resource, parameters, this.#env.targets, origin);
      } catch (error) {
        throw failed((error as Error).name, (error as Error).message);
      }
      this.#taskEvent(info.name, attempt, {
        timestamp: new Date(),
        type: 'TaskSucceeded',
        taskSucceededEventDetails: {
          ...where,
          output: JSON.stringify(output),
          outputDetails: NOT_TRUNCATED,
        },
      });
      return output;
    }

    // Open the token before the message leaves, so that the fastest worker finds it open.
    const taskToken = token ?? this.#env.registry.issue();
    const outcome = new Promise<TaskOutcome>((resolve) => {
      this.#env.registry.open(taskToken, {
        timeoutMs: Math.min(info.timeoutSeconds ?? MAX_TIMER_SECONDS, MAX_TIMER_SECONDS) * 1000,
        ...(info.heartbeatSeconds !== undefined
          ? { heartbeatMs: info.heartbeatSeconds * 1000 }
          : {}),
        onClose: (ended) => {
          this.#openTokens.delete(taskToken);
          resolve(ended);
        },
      });
    });
    this.#openTokens.add(taskToken);
    let submitted: unknown;
    try {
      submitted = await callIntegration(info.resource, parameters, this.#env.targets, origin);
    } catch (error) {
      this.#env.registry.fail(taskToken, '', '');
      throw failed((error as Error).name, (error as Error).message);
    }
    this.#taskEvent(info.name, attempt, {
      timestamp: new Date(),
      type: 'TaskSubmitted',
      taskSubmittedEventDetails: {
        ...where,
        output: JSON.stringify(submitted),
        outputDetails: NOT_TRUNCATED,
      },
    });
    const ended = await outcome;
    switch (ended.kind) {
      case 'success':
        this.#taskEvent(info.name, attempt, {
          timestamp: new Date(),
          type: 'TaskSucceeded',
          taskSucceededEventDetails: {
            ...where,
            output: JSON.stringify(ended.output),
            outputDetails: NOT_TRUNCATED,
          },
        });
        return ended.output;
      case 'failure':
        throw failed(ended.error, ended.cause);
      case 'heartbeat-timeout': {
        const cause = `no heartbeat for ${info.heartbeatSeconds} s (HeartbeatSeconds)`;
        this.#taskEvent(info.name, attempt, {
          timestamp: new Date(),
          type: 'TaskTimedOut',
          taskTimedOutEventDetails: { ...where, error: 'States.HeartbeatTimeout', cause },
        });
        throw taskError('States.HeartbeatTimeout', cause);
      }
      case 'timeout':
        // The engine enforces TimeoutSeconds (and raises its own States.Timeout, which
        // States.TaskFailed does not match): leave the race to it.
        return new Promise(() => {});
    }
  }
}
