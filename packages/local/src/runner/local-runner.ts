import { randomUUID } from 'node:crypto';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { AppModel, StateMachineSpec } from '../assembly/model.js';
import { readAppModel } from '../assembly/read-app-model.js';
import { CONSOLE_PATH, ConsoleRoute } from '../console/console-route.js';
import { FunctionLog } from '../console/function-log.js';
import { LocalEngine } from '../engine/local-engine.js';
import { AssemblyError } from '../errors.js';
import { type BatchReport, SqsPoller } from '../event-sources/sqs-poller.js';
import { LocalFunction } from '../functions/local-function.js';
import { executionOperations } from '../http/execution-operations.js';
import { SfnApiServer } from '../http/sfn-api-server.js';
import { type CallbackCounters, taskCallbackOperations } from '../http/task-callback-operations.js';
import { LocalQueue } from '../queues/local-queue.js';
import { type PendingTask, TokenRegistry } from '../tokens/token-registry.js';
import { LocalTopic } from '../topics/local-topic.js';
import type { IntegrationTargets } from './integrations.js';
import { type ExecutionDescription, LocalExecution } from './local-execution.js';

/** Options of {@link LocalRunner.start}. */
export interface LocalRunnerOptions {
  /** The synthesized app: a cloud assembly, or its directory (`cdk.out`). */
  readonly assembly: CloudAssembly | string;
  /**
   * The stack to run (name, display name or artifact id).
   * @default the only stack with a state machine
   */
  readonly stack?: string;
  /**
   * Port of the Step Functions endpoint on 127.0.0.1.
   * @default 0 (a free port)
   */
  readonly port?: number;
  /**
   * Execution environments (worker threads) per function, and concurrent batches per
   * event source mapping.
   * @default 1
   */
  readonly functionConcurrency?: number;
  /**
   * Ended executions kept for {@link LocalRunner.describeExecution}; older ones are dropped
   * so memory stays flat over long runs.
   * @default 1000
   */
  readonly retainExecutions?: number;
  /**
   * Start the event source mappings, so that queue-triggered functions run. Off, messages
   * stay on the queues and something else must answer the tokens (a debugger, a test).
   * @default true
   */
  readonly workers?: boolean;
  /**
   * The Step Functions endpoint URL the functions are given as `AWS_ENDPOINT_URL_SFN`,
   * instead of {@link LocalRunner.endpointUrl}: e.g. a proxy in front of the endpoint that
   * injects faults (throttling, 5xx, latency) for a reliability test. Whatever listens
   * there must forward to {@link LocalRunner.endpointUrl}.
   * @default the runner's endpoint
   */
  readonly functionEndpointUrl?: string;
  /** Receives the functions' log lines (stdout and stderr). By default they are dropped. */
  readonly onFunctionLog?: (functionName: string, line: string) => void;
  /** Called after each batch an event source mapping delivered. */
  readonly onBatch?: (report: BatchReport) => void;
  /** Called with each execution as it starts (by the API or the program); await its `done`. */
  readonly onExecution?: (execution: LocalExecution) => void;
}

/** Options of {@link LocalRunner.serveConsole}. */
export interface ConsoleOptions {
  /**
   * Where the console reads the functions' log lines: pass the same log to the runner's
   * `onFunctionLog` (`(fn, line) => log.push(fn, line)`).
   * @default an empty log
   */
  readonly log?: FunctionLog;
}

/** Options of {@link LocalRunner.startExecution}. */
export interface StartExecutionOptions {
  /**
   * State machine by name, logical id or ARN.
   * @default the only state machine of the stack
   */
  readonly stateMachine?: string;
  /** @default a random name */
  readonly name?: string;
}

/**
 * Runs a synthesized CDK app's callback pattern on one machine: the state machines of one
 * stack on aws-local-stepfunctions, its queues in memory, its queue-triggered functions
 * from their bundled assets in worker threads, its topics recorded, and a Step Functions
 * endpoint on 127.0.0.1 that the functions' SDK reaches through `AWS_ENDPOINT_URL_SFN`.
 *
 * @example
 * ```ts
 * const runner = await LocalRunner.start({ assembly: 'cdk.out' });
 * try {
 *   const execution = await runner.runExecution({ orderId: 42 });
 *   console.log(execution.status, execution.events.map((e) => e.type));
 * } finally {
 *   await runner.close();
 * }
 * ```
 */
export class LocalRunner {
  /** The stack as read from the assembly. */
  readonly model: AppModel;
  /** Base URL of the Step Functions endpoint. */
  readonly endpointUrl: string;
  /** Queues by name. */
  readonly queues: ReadonlyMap<string, LocalQueue>;
  /** Topics by name. */
  readonly topics: ReadonlyMap<string, LocalTopic>;
  /** Functions by name. */
  readonly functions: ReadonlyMap<string, LocalFunction>;
  /** Task-callback calls answered by the endpoint, by operation and outcome. */
  readonly callbacks: CallbackCounters;
  readonly #server: SfnApiServer;
  readonly #registry: TokenRegistry;
  readonly #pollers: SqsPoller[];
  readonly #targets: IntegrationTargets;
  readonly #engines = new Map<string, LocalEngine>();
  readonly #executions = new Map<string, LocalExecution>();
  readonly #running = new Set<LocalExecution>();
  readonly #retain: number;
  readonly #onExecution: ((execution: LocalExecution) => void) | undefined;
  #console: ConsoleRoute | undefined;
  #closed = false;

  private constructor(
    model: AppModel,
    server: SfnApiServer,
    registry: TokenRegistry,
    callbacks: CallbackCounters,
    options: LocalRunnerOptions,
  ) {
    this.model = model;
    this.#server = server;
    this.endpointUrl = server.url;
    this.#registry = registry;
    this.callbacks = callbacks;
    this.#retain = options.retainExecutions ?? 1000;
    this.#onExecution = options.onExecution;
    const concurrency = options.functionConcurrency ?? 1;

    const queues = new Map(model.queues.map((spec) => [spec.name, new LocalQueue(spec)]));
    const queuesByArn = new Map([...queues.values()].map((q) => [q.spec.arn, q]));
    for (const queue of queues.values()) {
      const target = queue.spec.redrivePolicy?.deadLetterTargetArn;
      const dlq = target ? queuesByArn.get(target) : undefined;
      if (dlq) queue.setDeadLetterQueue(dlq);
    }
    const topics = new Map(model.topics.map((spec) => [spec.name, new LocalTopic(spec)]));
    const functions = new Map(
      model.functions
        .filter((spec) => spec.codeDirectory)
        .map((spec) => [
          spec.name,
          new LocalFunction(spec, {
            endpointUrl: options.functionEndpointUrl ?? server.url,
            region: model.region,
            concurrency,
            ...(options.onFunctionLog ? { onLog: options.onFunctionLog } : {}),
          }),
        ]),
    );
    this.queues = queues;
    this.topics = topics;
    this.functions = functions;
    this.#targets = {
      queuesByUrl: new Map([...queues.values()].map((q) => [q.spec.url, q])),
      topicsByArn: new Map([...topics.values()].map((t) => [t.spec.arn, t])),
      functionsByName: functions,
    };
    this.#pollers = model.eventSourceMappings.flatMap((mapping) => {
      if (options.workers === false) return [];
      const queue = queuesByArn.get(mapping.queueArn);
      const fn = functions.get(mapping.functionName);
      if (!queue || !fn) return [];
      return [
        new SqsPoller(mapping, queue, fn, {
          region: model.region,
          concurrency,
          ...(options.onBatch ? { onBatch: options.onBatch } : {}),
        }),
      ];
    });
  }

  /**
   * Reads the assembly, starts the endpoint and the event source mappings, and checks
   * every state machine's definition (a JSONata one is refused here).
   *
   * @throws AssemblyError, UnsupportedFeatureError
   */
  static async start(options: LocalRunnerOptions): Promise<LocalRunner> {
    const registry = new TokenRegistry();
    const callbacks: CallbackCounters = { byOperation: {} };
    const server = new SfnApiServer(taskCallbackOperations(registry, callbacks));
    const endpointUrl = await server.listen({
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
    let runner: LocalRunner;
    try {
      const model = readAppModel(options.assembly, {
        endpointUrl,
        ...(options.stack !== undefined ? { stack: options.stack } : {}),
      });
      runner = new LocalRunner(model, server, registry, callbacks, options);
      for (const spec of model.stateMachines) runner.#engine(spec);
      server.register(executionOperations(runner));
    } catch (error) {
      await server.close();
      throw error;
    }
    if (options.workers !== false) for (const poller of runner.#pollers) poller.start();
    return runner;
  }

  /** Looks a state machine up by name, logical id or ARN; the only one when omitted. */
  stateMachine(id?: string): StateMachineSpec {
    const machines = this.model.stateMachines;
    if (id === undefined) {
      if (machines.length === 1) return machines[0] as StateMachineSpec;
      throw new AssemblyError(
        `the stack has ${machines.length} state machines (${machines.map((m) => m.name).join(', ')}): choose one`,
      );
    }
    const found = machines.find((m) => m.name === id || m.logicalId === id || m.arn === id);
    if (!found)
      throw new AssemblyError(`no state machine "${id}" in stack ${this.model.stackName}`);
    return found;
  }

  /** A queue by name or logical id. */
  queue(id: string): LocalQueue {
    const found =
      this.queues.get(id) ?? [...this.queues.values()].find((q) => q.spec.logicalId === id);
    if (!found) throw new AssemblyError(`no queue "${id}" in stack ${this.model.stackName}`);
    return found;
  }

  /** A topic by name or logical id. */
  topic(id: string): LocalTopic {
    const found =
      this.topics.get(id) ?? [...this.topics.values()].find((t) => t.spec.logicalId === id);
    if (!found) throw new AssemblyError(`no topic "${id}" in stack ${this.model.stackName}`);
    return found;
  }

  /** A function by name or logical id. */
  function(id: string): LocalFunction {
    const found =
      this.functions.get(id) ?? [...this.functions.values()].find((f) => f.spec.logicalId === id);
    if (!found)
      throw new AssemblyError(`no runnable function "${id}" in stack ${this.model.stackName}`);
    return found;
  }

  /** Starts an execution (StartExecution); await its `done` for the end. */
  startExecution(input: unknown = {}, options: StartExecutionOptions = {}): LocalExecution {
    if (this.#closed) throw new Error('the runner is closed');
    const spec = this.stateMachine(options.stateMachine);
    const execution = new LocalExecution(
      {
        engine: this.#engine(spec),
        registry: this.#registry,
        targets: this.#targets,
        region: this.model.region,
      },
      options.name ?? randomUUID(),
      input,
    );
    this.#executions.set(execution.executionArn, execution);
    this.#running.add(execution);
    void execution.done.then(() => {
      this.#running.delete(execution);
      this.#trim();
    });
    this.#onExecution?.(execution);
    return execution;
  }

  /** Runs an execution to its end. */
  runExecution(
    input: unknown = {},
    options: StartExecutionOptions = {},
  ): Promise<ExecutionDescription> {
    return this.startExecution(input, options).done;
  }

  /** An execution started by this runner, while retained. */
  describeExecution(executionArn: string): ExecutionDescription | undefined {
    return this.#executions.get(executionArn);
  }

  /** Executions started by this runner and still retained (running ones always are), oldest first. */
  executions(): ExecutionDescription[] {
    return [...this.#executions.values()];
  }

  /**
   * Stops a running execution (StopExecution), with an optional error and cause.
   * Returns false when it is not running (or not known).
   */
  stopExecution(executionArn: string, details: { error?: string; cause?: string } = {}): boolean {
    const execution = this.#executions.get(executionArn);
    if (execution?.status !== 'RUNNING') return false;
    execution.abort(details);
    return true;
  }

  /** Task tokens waiting for an answer, oldest first, with their deadlines. */
  pendingTasks(): PendingTask[] {
    return this.#registry.pending();
  }

  /**
   * Serves the web console on the endpoint, at `/console/`, and returns its URL with the
   * per-start secret (open it in a browser; keep it to yourself, like a Jupyter token).
   * Calling it again returns the same URL.
   */
  serveConsole(options: ConsoleOptions = {}): string {
    if (!this.#console) {
      this.#console = new ConsoleRoute({
        source: this,
        log: options.log ?? new FunctionLog(),
        guard: this.#server.guard,
        port: Number(new URL(this.endpointUrl).port),
      });
      this.#server.mount(this.#console);
    }
    return `${this.endpointUrl}${CONSOLE_PATH}?secret=${this.#server.guard.secret}`;
  }

  /** Executions still running. */
  get runningCount(): number {
    return this.#running.size;
  }

  /** Task tokens waiting for an answer. */
  get openTaskCount(): number {
    return this.#registry.openCount;
  }

  /** Resolves when every event source mapping has no batch in progress. */
  async idle(): Promise<void> {
    await Promise.all(this.#pollers.map((poller) => poller.idle()));
  }

  /** Aborts running executions and stops the endpoint, the pollers and the functions. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const poller of this.#pollers) poller.stop();
    for (const execution of this.#running)
      execution.abort({ cause: 'the local runner was closed' });
    this.#registry.closeAll();
    this.#console?.stream.close();
    await Promise.all([...this.functions.values()].map((fn) => fn.close()));
    for (const queue of this.queues.values()) queue.close();
    await this.#server.close();
  }

  #engine(spec: StateMachineSpec): LocalEngine {
    let engine = this.#engines.get(spec.arn);
    if (!engine) {
      engine = new LocalEngine(spec);
      this.#engines.set(spec.arn, engine);
    }
    return engine;
  }

  #trim(): void {
    if (this.#executions.size <= this.#retain) return;
    for (const [arn, execution] of this.#executions) {
      if (this.#executions.size <= this.#retain) break;
      if (!this.#running.has(execution)) this.#executions.delete(arn);
    }
  }
}
