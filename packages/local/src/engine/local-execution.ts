import { randomUUID } from 'node:crypto';
import {
  type DistributedMapHost,
  type Execution,
  type ExecutionOptions,
  type RecordedHistoryEvent as HistoryEvent,
  type Json,
  StatesError,
  type TaskRequest,
} from '@sfn-callback/asl';
import type { IntegrationTargets } from '../integrations/call-integration.js';
import { routeTask, type TaskRoutes } from '../integrations/task-router.js';
import type { MockSession } from '../mocks/mock-session.js';
import { executionArn, expressExecutionArn } from '../model/arns.js';
import type {
  ExecutionDescription,
  ExecutionStatus,
  StartedExecution,
} from '../model/execution.js';
import type { BusEvent, SentQueueMessage, TopicMessage } from '../model/sent-messages.js';
import type { LocalTime } from '../time/local-time.js';
import { isEmulated } from './emulated-resources.js';
import { type LocalStateMachine, unrunnableStateCause } from './local-state-machine.js';
import type { TokenRegistry } from './token-registry.js';

/** What an execution needs from the runner. */
export interface ExecutionEnvironment {
  readonly stateMachine: LocalStateMachine;
  readonly registry: TokenRegistry;
  readonly targets: IntegrationTargets;
  readonly region: string;
  /** Event buses and nested executions (absent: those Tasks are not emulated). */
  readonly routes?: Omit<TaskRoutes, 'targets'>;
  /**
   * The runner's time: the execution's clock, its start and stop dates.
   * @default real time
   */
  readonly time?: LocalTime;
  /** The test case's mocked states, for an execution started with `#TestCase`. */
  readonly mocks?: MockSession;
  /** Called with each history event as the engine records it (the runner's store). */
  readonly onEvent?: (executionArn: string, event: HistoryEvent) => void;
  /** What a Distributed Map reads and writes (the bucket folders) and who keeps its Map Runs. */
  readonly distributedMap?: DistributedMapHost;
  /** The version it runs, when started by a version or an alias ARN. */
  readonly stateMachineVersionArn?: string;
  /** The alias it was started by. */
  readonly stateMachineAliasArn?: string;
  /** Called with each message a state sends (the runner's store). */
  readonly onMessage?: (
    executionArn: string,
    message: TopicMessage | BusEvent | SentQueueMessage,
  ) => void;
}

/** What a redriven execution continues from (RedriveExecution). */
export interface RedriveOf {
  /** The history so far: the engine continues it after `ExecutionRedriven`. */
  readonly history: readonly HistoryEvent[];
  /** The first run's start: a redriven execution keeps it. */
  readonly startDate: Date;
  /** Times it was redriven before this one. */
  readonly previousRedriveCount: number;
}

/**
 * One execution on the engine: its Task states call the local queues, topics and
 * functions; its task tokens come from the runner's registry, which routes the answers
 * of the Step Functions endpoint back to it.
 */
export class LocalExecution implements StartedExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly startDate: Date;
  /** Times RedriveExecution continued it (this run included). */
  readonly redriveCount: number;
  /** When this run was redriven, for a redriven execution. */
  readonly redriveDate?: Date;
  readonly input: string;
  status: ExecutionStatus = 'RUNNING';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  readonly notifications: TopicMessage[] = [];
  readonly busEvents: BusEvent[] = [];
  readonly taskTokens: string[] = [];
  /** Resolves when the execution has ended and its history is complete. */
  readonly done: Promise<ExecutionDescription>;
  readonly #execution: Execution;
  readonly #now: () => number;

  /**
   * @param inputText the input as the client sent it (StartExecution): DescribeExecution,
   *   the history's ExecutionStarted and the console show it as sent (whitespace, and numbers
   *   beyond double precision, kept), while the engine runs on its parsed value.
   * @param redrive continue this ended execution (RedriveExecution) instead of starting it;
   *   throws the engine's `ExecutionNotRedrivableError` when AWS would refuse.
   */
  constructor(
    env: ExecutionEnvironment,
    name: string,
    input: unknown,
    inputText?: string,
    redrive?: RedriveOf,
  ) {
    const spec = env.stateMachine.spec;
    const time = env.time;
    this.#now = time ? () => time.now() : Date.now;
    this.startDate = redrive?.startDate ?? new Date(this.#now());
    this.redriveCount = redrive ? redrive.previousRedriveCount + 1 : 0;
    if (redrive) this.redriveDate = new Date(this.#now());
    this.name = name;
    this.stateMachineArn = spec.arn;
    this.executionArn =
      spec.type === 'EXPRESS'
        ? expressExecutionArn(spec.arn, name, randomUUID())
        : executionArn(spec.arn, name);
    if (env.stateMachineVersionArn !== undefined)
      this.stateMachineVersionArn = env.stateMachineVersionArn;
    if (env.stateMachineAliasArn !== undefined)
      this.stateMachineAliasArn = env.stateMachineAliasArn;
    const parsed = (input ?? {}) as Json;
    this.input = inputText ?? JSON.stringify(parsed);
    const asSent = inputText;
    const options: ExecutionOptions = {
      identity: {
        executionArn: this.executionArn,
        executionName: name,
        stateMachineArn: spec.arn,
        stateMachineName: spec.name,
        roleArn: spec.roleArn ?? '',
      },
      input: parsed,
      region: env.region,
      ...(env.time ? { clock: env.time.clock } : {}),
      tasks: (request) => this.#task(request, env),
      ...(env.distributedMap ? { distributedMap: env.distributedMap } : {}),
      ...(env.onEvent || asSent !== undefined
        ? {
            onEvent: (event: HistoryEvent) => {
              if (asSent !== undefined) withInputAsSent(event, asSent);
              env.onEvent?.(this.executionArn, event);
            },
          }
        : {}),
      issueTaskToken: () => {
        const token = env.registry.issue();
        this.taskTokens.push(token);
        return token;
      },
      onTaskToken: (token, open, timing) => {
        if (open) env.registry.open(token, execution, timing);
        else env.registry.close(token);
      },
    };
    const machine = env.stateMachine.machine;
    const execution: Execution = redrive
      ? machine.redrive({ ...options, history: redrive.history })
      : machine.start(options);
    this.#execution = execution;
    this.done = this.#settle();
  }

  get events(): readonly HistoryEvent[] {
    return this.#execution.history;
  }

  /** Stops the execution (StopExecution): its open tasks are closed, their tokens refused. */
  abort(details: { error?: string; cause?: string } = {}): void {
    if (this.status !== 'RUNNING') return;
    this.#execution.stop(details.error, details.cause);
  }

  async #settle(): Promise<ExecutionDescription> {
    const result = await this.#execution.result;
    this.stopDate = new Date(this.#now());
    this.status = result.status;
    if (result.status === 'SUCCEEDED') this.output = JSON.stringify(result.output ?? null);
    if (result.error !== undefined) this.error = result.error;
    if (result.cause !== undefined) this.cause = result.cause;
    return this;
  }

  #task(request: TaskRequest, env: ExecutionEnvironment): Promise<Json> {
    if (!env.mocks?.mocks(request.stateName) && !isEmulated(request.resource)) {
      // Only an app started with warnings gets here: the execution fails at this state.
      return Promise.reject(
        new StatesError(
          'States.Runtime',
          unrunnableStateCause(env.stateMachine.spec.name, request.stateName, request.resource.arn),
        ),
      );
    }
    return routeTask(
      request,
      { targets: env.targets, ...env.routes },
      {
        executionArn: this.executionArn,
        ...(env.mocks ? { mocks: env.mocks } : {}),
        onPublish: (message) => {
          this.notifications.push(message);
          env.onMessage?.(this.executionArn, message);
        },
        onPut: (event) => {
          this.busEvents.push(event);
          env.onMessage?.(this.executionArn, event);
        },
        onSend: (message) => env.onMessage?.(this.executionArn, message),
      },
    );
  }
}

/** ExecutionStarted with the input as the client sent it, in place of the engine's re-serialised text. */
function withInputAsSent(event: HistoryEvent, inputText: string): void {
  if (event.type !== 'ExecutionStarted' || !event.executionStartedEventDetails) return;
  (event as { executionStartedEventDetails: object }).executionStartedEventDetails = {
    ...event.executionStartedEventDetails,
    input: inputText,
  };
}
