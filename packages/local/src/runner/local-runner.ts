import { randomUUID } from 'node:crypto';
import {
  type Json,
  type RecordedHistoryEvent,
  StatesError,
  type TaskRequest,
} from '@sfn-callback/asl';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { AppModel, StateMachineSpec } from '../assembly/app-model.js';
import { readAppModel } from '../assembly/read-app-model.js';
import { CONSOLE_PATH, ConsoleRoute } from '../console/console-route.js';
import type { CoverageReport } from '../console/coverage-report.js';
import { FunctionLog } from '../console/function-log.js';
import { type ExecutionEnvironment, LocalExecution } from '../engine/local-execution.js';
import {
  compileStateMachine,
  type LocalStateMachine,
  unrunnableTask,
  unrunnableTasks,
} from '../engine/local-state-machine.js';
import { stateNames } from '../engine/task-states.js';
import { type PendingTask, TokenRegistry } from '../engine/token-registry.js';
import { AssemblyError, UnsupportedFeatureError } from '../errors.js';
import { LocalFunction } from '../functions/local-function.js';
import { activityOperations } from '../http/activity-operations.js';
import { aliasOperations } from '../http/alias-operations.js';
import { executionOperations } from '../http/execution-operations.js';
import { mapRunOperations } from '../http/map-run-operations.js';
import type { SfnOperations } from '../http/operation.js';
import { redriveOperation } from '../http/redrive-operation.js';
import { SfnApiServer } from '../http/sfn-api-server.js';
import { stateMachineOperations } from '../http/state-machine-operations.js';
import { tagOperations } from '../http/tag-operations.js';
import { type CallbackCounters, taskCallbackOperations } from '../http/task-callback-operations.js';
import { testStateOperation } from '../http/test-state-operation.js';
import type { VersionHost } from '../http/version-host.js';
import { versionOperations } from '../http/version-operations.js';
import { ActivityTasks } from '../integrations/activity-tasks.js';
import { BucketFolderStore } from '../integrations/bucket-folder-store.js';
import type { IntegrationTargets } from '../integrations/call-integration.js';
import { LocalEventBus } from '../integrations/local-event-bus.js';
import { LocalTopic } from '../integrations/local-topic.js';
import type { NestedExecutionHost } from '../integrations/nested-execution.js';
import { routeTask } from '../integrations/task-router.js';
import type { MockConfig } from '../mocks/mock-config.js';
import { MockConfigError } from '../mocks/mock-config-error.js';
import { MockSession } from '../mocks/mock-session.js';
import type { ActivityWork } from '../model/activity-work.js';
import {
  activityArn,
  DEFAULT_REGION,
  executionArn,
  LOCAL_ACCOUNT_ID,
  stateMachineArn,
} from '../model/arns.js';
import type { ExecutionDescription } from '../model/execution.js';
import type { BusEvent, SentQueueMessage, TopicMessage } from '../model/sent-messages.js';
import { LocalQueue } from '../queues/local-queue.js';
import { type BatchReport, SqsPoller } from '../queues/sqs-poller.js';
import { CreatedStateMachines } from '../store/created-state-machines.js';
import { DataDirLock } from '../store/data-dir-lock.js';
import {
  LocalStore,
  type StoredActivity,
  type StoredAlias,
  type StoredNotification,
  type StoredVersion,
} from '../store/local-store.js';
import { MapRuns } from '../store/map-runs.js';
import { StoredExecutionView } from '../store/stored-execution-view.js';
import { type LocalTime, localTime, type TimeMode } from '../time/local-time.js';

/** Options of {@link LocalRunner.start}. */
export interface LocalRunnerOptions {
  /**
   * The synthesized app: a cloud assembly, or its directory (`cdk.out`).
   * @default none: only state machines created through the API (CreateStateMachine)
   */
  readonly assembly?: CloudAssembly | string;
  /**
   * The region of ARNs without an app (with one, the stack's).
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * The account of ARNs without an app (with one, local's `000000000000`), as Step
   * Functions Local's `--aws-account`.
   * @default '000000000000'
   */
  readonly account?: string;
  /** Step Functions Local's mock configuration file, loaded: StartExecution with `arn#TestCase` uses it. */
  readonly mockConfig?: MockConfig;
  /**
   * Directory of the store (created state machines, executions, histories, messages), so
   * that a runner started again on it still answers for what ran.
   * @default in memory
   */
  readonly dataDir?: string;
  /**
   * The folder of the buckets a Distributed Map's ItemReader reads and ResultWriter writes
   * (`serve --buckets`): one sub-folder per bucket. Without it, such a Map fails with
   * `States.ItemReaderFailed` / `States.ResultWriterFailed`.
   */
  readonly buckets?: string;
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
   * Ended executions kept in memory (their history on the heap); older ones are answered
   * from the store, so memory stays flat however many run.
   * @default 100
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
  /**
   * What time the runner runs on. `'virtual'`: Wait states, retry intervals, heartbeats and
   * timeouts, SQS visibility timeouts and delays pass at once whenever nothing else can run
   * — no function invocation, queue delivery or request to the endpoint in flight (counted,
   * see {@link LocalRunner.time}); a worker that fails once and comes back after a 3-minute
   * visibility timeout then takes milliseconds, its history still 3 minutes long.
   * `'real'`: the wall clock, for someone watching the console or answering tokens by hand
   * (on virtual time an open task that nothing in flight will answer times out at once).
   * @default 'real'
   */
  readonly time?: TimeMode;
  /** Receives the functions' log lines (stdout and stderr). By default they are dropped. */
  readonly onFunctionLog?: (functionName: string, line: string) => void;
  /** Called after each batch an event source mapping delivered. */
  readonly onBatch?: (report: BatchReport) => void;
  /** Called with each execution as it starts (by the API or the program); await its `done`. */
  readonly onExecution?: (execution: LocalExecution) => void;
  /**
   * How long GetActivityTask holds a poll that finds no task before it answers with none.
   * AWS holds it 60 s; a test can make it short.
   * @default 60
   */
  readonly activityPollSeconds?: number;
  /**
   * The random source in [0, 1) that picks the version an alias runs, by weight.
   * @default Math.random
   */
  readonly random?: () => number;
  /**
   * Start even when an app's state machine has Tasks local neither emulates nor mocks:
   * each such state is handed here as a warning (naming it and how to mock it), and an
   * execution that reaches it fails there with `States.Runtime`. Without it, `start`
   * refuses such an app (UnsupportedFeatureError), as `run` does.
   */
  readonly onUnrunnableTask?: (warning: string) => void;
}

/** Options of {@link LocalRunner.serveConsole}. */
export interface ConsoleOptions {
  /**
   * Where the console reads the functions' log lines: pass the same log to the runner's
   * `onFunctionLog` (`(fn, line) => log.push(fn, line)`).
   * @default an empty log
   */
  readonly log?: FunctionLog;
  /** State machine coverage to draw over the graphs (`serve --coverage <file>`). */
  readonly coverage?: CoverageReport;
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
  /** A test case of the mock configuration file (`StartExecution` with `arn#TestCase`). */
  readonly testCase?: string;
  /**
   * The input's JSON text as the client sent it (StartExecution), kept as sent in
   * DescribeExecution and the history; `input` must be its parsed value.
   */
  readonly inputText?: string;
  /** Runs this published version of the state machine (`<stateMachineArn>:<n>`). */
  readonly stateMachineVersionArn?: string;
  /** The alias that chose the version (DescribeExecution names it). */
  readonly stateMachineAliasArn?: string;
}

/**
 * Runs a synthesized CDK app's callback pattern on one machine: the state machines of one
 * stack on the @sfn-callback/asl engine, its queues in memory, its queue-triggered functions
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
export class LocalRunner implements NestedExecutionHost {
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
  /** Event buses (EventBridge PutEvents) by name, created when a state first names one. */
  readonly eventBuses = new Map<string, LocalEventBus>();
  /** State machines created through the API. */
  readonly created: CreatedStateMachines;
  /** The mock configuration file, when given. */
  readonly mockConfig: MockConfig | undefined;
  /** Where everything that ran is kept. */
  readonly store: LocalStore;
  /** The Map Runs of Distributed Maps, and their child executions. */
  readonly mapRuns: MapRuns;
  /** The bucket folders (`buckets` option), when given. */
  readonly buckets: BucketFolderStore | undefined;
  /**
   * The runner's time ({@link LocalRunnerOptions.time}): its mode, `now()`, and
   * `work.counts`, the invocations, deliveries and requests in flight.
   */
  readonly time: LocalTime;
  readonly #server: SfnApiServer;
  readonly #registry: TokenRegistry;
  readonly #pollers: SqsPoller[];
  readonly #targets: IntegrationTargets;
  readonly #machines = new Map<string, LocalStateMachine>();
  readonly #executions = new Map<string, LocalExecution>();
  readonly #running = new Set<LocalExecution>();
  readonly #retain: number;
  readonly #onExecution: ((execution: LocalExecution) => void) | undefined;
  /** Activity tasks waiting for a worker, and the workers' held polls. */
  readonly #activities: ActivityTasks;
  readonly #activityPollMs: number;
  /** Picks the version an alias runs. */
  readonly random: () => number;
  /** The app's state machines may have unrunnable Tasks (warned at start, failed at the state). */
  readonly #startsUnrunnable: boolean;
  #console: ConsoleRoute | undefined;
  /** The lock of `dataDir`, held from start to close. */
  #dataDirLock: DataDirLock | undefined;
  #closed = false;

  private constructor(
    model: AppModel,
    server: SfnApiServer,
    registry: TokenRegistry,
    callbacks: CallbackCounters,
    options: LocalRunnerOptions,
    time: LocalTime,
  ) {
    this.model = model;
    this.time = time;
    this.#server = server;
    this.endpointUrl = server.url;
    this.#registry = registry;
    this.callbacks = callbacks;
    this.#retain = options.retainExecutions ?? 100;
    this.#activityPollMs = (options.activityPollSeconds ?? 60) * 1000;
    this.#activities = new ActivityTasks(() => time.now());
    this.random = options.random ?? Math.random;
    this.#startsUnrunnable = options.onUnrunnableTask !== undefined;
    this.mockConfig = options.mockConfig;
    this.store = LocalStore.open({
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    });
    this.mapRuns = new MapRuns(this.store);
    this.buckets =
      options.buckets !== undefined ? new BucketFolderStore(options.buckets) : undefined;
    this.created = new CreatedStateMachines(this.store, (name) =>
      stateMachineArn(model.region, model.account, name),
    );
    this.#onExecution = options.onExecution;
    const concurrency = options.functionConcurrency ?? 1;

    const queues = new Map(model.queues.map((spec) => [spec.name, new LocalQueue(spec, time)]));
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
            work: time.work,
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
          time,
          ...(options.onBatch ? { onBatch: options.onBatch } : {}),
        }),
      ];
    });
  }

  /**
   * Reads the assembly, starts the endpoint and the event source mappings, and checks
   * every state machine's definition as CreateStateMachine would. With `dataDir`, takes
   * the directory's lock first and holds it until {@link LocalRunner.close}.
   *
   * @throws AssemblyError, UnsupportedFeatureError, DataDirLockedError (another runner or
   * `serve` uses `dataDir`)
   */
  static async start(options: LocalRunnerOptions): Promise<LocalRunner> {
    // One runner (or serve) per data directory: a second would end the first's running
    // executions as interrupted when it opens the store.
    const dataDirLock =
      options.dataDir !== undefined ? await DataDirLock.acquire(options.dataDir) : undefined;
    try {
      return await LocalRunner.#start(options, dataDirLock);
    } catch (error) {
      dataDirLock?.release();
      throw error;
    }
  }

  static async #start(
    options: LocalRunnerOptions,
    dataDirLock: DataDirLock | undefined,
  ): Promise<LocalRunner> {
    const time = localTime(options.time ?? 'real');
    const registry = new TokenRegistry(() => time.now());
    const callbacks: CallbackCounters = { byOperation: {} };
    const server = new SfnApiServer(taskCallbackOperations(registry, callbacks));
    server.countRequests(() => time.work.begin('request'));
    const endpointUrl = await server.listen({
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
    let runner: LocalRunner | undefined;
    try {
      const model =
        options.assembly === undefined
          ? emptyModel(options.region ?? DEFAULT_REGION, options.account ?? LOCAL_ACCOUNT_ID)
          : readAppModel(options.assembly, {
              endpointUrl,
              ...(options.stack !== undefined ? { stack: options.stack } : {}),
            });
      runner = new LocalRunner(model, server, registry, callbacks, options, time);
      runner.#dataDirLock = dataDirLock;
      await runner.buckets?.createBuckets(model.buckets ?? []);
      // The app's activities exist as CloudFormation would have created them (kept, with
      // their creation date, when a data directory already has them).
      const knownActivities = new Set(runner.store.activities().map((a) => a.arn));
      for (const activity of model.activities ?? []) {
        if (knownActivities.has(activity.arn)) continue;
        runner.store.putActivity({
          arn: activity.arn,
          name: activity.name,
          creationDate: new Date(time.now()),
        });
      }
      for (const spec of model.stateMachines) {
        options.mockConfig?.checkStates(
          spec.name,
          stateNames(spec.definition as { States: unknown }),
        );
        const coverage = {
          isMocked: (state: string) => options.mockConfig?.mocksState(spec.name, state) ?? false,
        };
        if (options.onUnrunnableTask) {
          for (const warning of unrunnableTasks(spec, coverage)) options.onUnrunnableTask(warning);
          compileStateMachine(spec, { isMocked: () => true });
        } else {
          compileStateMachine(spec, coverage);
        }
      }
      const host = runner;
      server.register({
        ...executionOperations(host),
        ...stateMachineOperations({
          model: host.model,
          created: host.created,
          isMocked: (machine, state) => options.mockConfig?.mocksState(machine, state) ?? false,
          invalidate: (arn) => host.invalidate(arn),
          describeExecution: (arn) => host.describeExecution(arn),
          executionRevision: (arn) => {
            const revisionId = host.executionRevision(arn);
            return revisionId !== undefined ? host.store.revision(revisionId) : undefined;
          },
          versions: host.#versionHost(),
          putTags: (arn, tags) => host.store.putTags(arn, tags),
        }),
        ...versionOperations(host.#versionHost()),
        ...aliasOperations(host.#versionHost()),
        ...activityOperations({
          activityArn: (name) => activityArn(model.region, model.account, name),
          activity: (arn) => host.store.activities().find((a) => a.arn === arn),
          activities: () => host.store.activities(),
          createActivity: (activity, tags) => {
            host.store.putActivity(activity);
            host.store.putTags(activity.arn, tags);
          },
          deleteActivity: (arn) => {
            host.store.deleteActivity(arn);
            host.#activities.release(arn);
          },
          pollActivity: (arn, workerName) =>
            host.#activities.poll(arn, workerName, host.#activityPollMs),
        }),
        ...tagOperations({
          resourceExists: (arn) =>
            host.findStateMachine(arn) !== undefined ||
            host.store.activities().some((a) => a.arn === arn),
          tags: (arn) => host.store.tags(arn),
          putTags: (arn, tags) => host.store.putTags(arn, tags),
          removeTags: (arn, keys) => host.store.removeTags(arn, keys),
        }),
        ...redriveOperation(host),
        ...mapRunOperations(host),
        ...testStateOperation({
          tasks: (request) => host.#testStateTask(request),
          region: model.region,
          accountId: model.account,
        }),
      });
    } catch (error) {
      runner?.store.close();
      await server.close();
      throw error;
    }
    if (options.workers !== false) for (const poller of runner.#pollers) poller.start();
    return runner;
  }

  /** The app's state machines and those created through the API. */
  stateMachines(): StateMachineSpec[] {
    return [...this.model.stateMachines, ...this.created.list().map((c) => c.spec)];
  }

  /** A state machine of the app or created through the API, by ARN. */
  findStateMachine(arn: string): StateMachineSpec | undefined {
    return this.model.stateMachines.find((m) => m.arn === arn) ?? this.created.get(arn)?.spec;
  }

  /** Forgets the compiled form of a state machine (it was updated or deleted). */
  invalidate(arn: string): void {
    this.#machines.delete(arn);
  }

  /** Looks a state machine up by name, logical id or ARN; the only one when omitted. */
  stateMachine(id?: string): StateMachineSpec {
    const machines = this.stateMachines();
    if (id === undefined) {
      if (machines.length === 1) return machines[0] as StateMachineSpec;
      throw new AssemblyError(
        `the stack has ${machines.length} state machines (${machines.map((m) => m.name).join(', ')}): choose one`,
      );
    }
    const found = machines.find((m) => m.name === id || m.logicalId === id || m.arn === id);
    if (!found)
      throw new AssemblyError(
        `no state machine "${id}" ${this.model.stackName ? `in stack ${this.model.stackName}` : 'was created'}`,
      );
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

  /**
   * Starts an execution (StartExecution); await its `done` for the end.
   *
   * @throws AssemblyError for an unknown state machine, MockConfigError for an unknown
   *   test case (or one that mocks states the machine lacks), UnsupportedFeatureError when a
   *   Task is neither emulated nor mocked by the test case — before anything runs.
   */
  startExecution(input: unknown = {}, options: StartExecutionOptions = {}): LocalExecution {
    if (this.#closed) throw new Error('the runner is closed');
    const version =
      options.stateMachineVersionArn !== undefined
        ? this.created.versionSpec(options.stateMachineVersionArn)
        : undefined;
    if (options.stateMachineVersionArn !== undefined && !version) {
      throw new AssemblyError(`no state machine version "${options.stateMachineVersionArn}"`);
    }
    const spec = version?.spec ?? this.stateMachine(options.stateMachine);
    const mocks = this.#mockSession(spec, options.testCase);
    const refusal = unrunnableTask(spec, {
      isMocked: (state) => mocks?.mocks(state) ?? false,
      ...(options.testCase !== undefined ? { testCase: options.testCase } : {}),
    });
    const appMachine = this.model.stateMachines.some((m) => m.arn === spec.arn);
    if (refusal && !(this.#startsUnrunnable && appMachine)) {
      throw new UnsupportedFeatureError(refusal);
    }
    const revisionId = version?.revisionId ?? this.created.get(spec.arn)?.stored.revisionId;
    const execution = new LocalExecution(
      this.#environment(spec, {
        mocks,
        stateMachineVersionArn: options.stateMachineVersionArn,
        stateMachineAliasArn: options.stateMachineAliasArn,
      }),
      options.name ?? randomUUID(),
      input,
      options.inputText,
    );
    this.store.insertExecution({
      ...execution,
      ...(revisionId ? { revisionId } : {}),
      ...(options.stateMachineVersionArn !== undefined
        ? { stateMachineVersionArn: options.stateMachineVersionArn }
        : {}),
      ...(options.stateMachineAliasArn !== undefined
        ? { stateMachineAliasArn: options.stateMachineAliasArn }
        : {}),
    });
    // Committed before StartExecution answers: an execution a client was told of survives a kill.
    this.store.flush();
    this.#track(execution);
    return execution;
  }

  /**
   * RedriveExecution: continues an execution that ended FAILED, TIMED_OUT or ABORTED from
   * where it stopped (same ARN and input, its history continued after `ExecutionRedriven`),
   * on the state machine's current definition.
   * @throws ExecutionNotRedrivableError (from `@sfn-callback/asl`) when AWS would refuse;
   *   AssemblyError when the execution or its state machine is unknown.
   */
  redriveExecution(executionArn: string): LocalExecution {
    if (this.#closed) throw new Error('the runner is closed');
    const previous = this.describeExecution(executionArn);
    if (!previous) throw new AssemblyError(`no execution ${executionArn}`);
    const spec = this.stateMachine(previous.stateMachineArn);
    const execution = new LocalExecution(
      this.#environment(spec, {
        stateMachineVersionArn: previous.stateMachineVersionArn,
        stateMachineAliasArn: previous.stateMachineAliasArn,
      }),
      previous.name,
      JSON.parse(previous.input),
      previous.input,
      {
        history: previous.events,
        startDate: previous.startDate,
        previousRedriveCount: previous.redriveCount ?? 0,
      },
    );
    this.store.redriveExecution(executionArn, {
      redriveCount: execution.redriveCount,
      redriveDate: execution.redriveDate ?? new Date(),
    });
    this.store.flush();
    this.#track(execution);
    return execution;
  }

  /** What an execution of `spec` runs with: the local targets, the store, the registry. */
  #environment(
    spec: StateMachineSpec,
    of: {
      mocks?: MockSession | undefined;
      stateMachineVersionArn?: string | undefined;
      stateMachineAliasArn?: string | undefined;
    },
  ): ExecutionEnvironment {
    const { mocks, stateMachineVersionArn, stateMachineAliasArn } = of;
    return {
      stateMachine: this.#machine(spec, stateMachineVersionArn),
      ...(stateMachineVersionArn !== undefined ? { stateMachineVersionArn } : {}),
      ...(stateMachineAliasArn !== undefined ? { stateMachineAliasArn } : {}),
      registry: this.#registry,
      targets: this.#targets,
      time: this.time,
      region: this.model.region,
      routes: {
        buses: (name) => this.eventBus(name),
        nested: this,
        activities: this.#activities,
      },
      ...(mocks ? { mocks } : {}),
      distributedMap: {
        ...(this.buckets ? { objectStore: this.buckets } : {}),
        observer: this.mapRuns.observer,
        previousChildren: (mapRunArn) => this.mapRuns.previousChildren(mapRunArn),
      },
      onEvent: (arn: string, event: RecordedHistoryEvent) => {
        // Executions aborted by close() record their last events after the store closed.
        if (this.store.isOpen) this.store.appendEvent(arn, event);
      },
      onMessage: (arn: string, message: TopicMessage | BusEvent | SentQueueMessage) =>
        this.#record(arn, message),
    };
  }

  /** Holds a started (or redriven) execution while it runs, and records its end. */
  #track(execution: LocalExecution): void {
    this.#executions.set(execution.executionArn, execution);
    this.#running.add(execution);
    void execution.done.then(() => {
      this.#running.delete(execution);
      if (this.store.isOpen) this.store.endExecution(execution);
      this.#trim();
    });
    this.#onExecution?.(execution);
  }

  /** Runs an execution to its end. */
  runExecution(
    input: unknown = {},
    options: StartExecutionOptions = {},
  ): Promise<ExecutionDescription> {
    return this.startExecution(input, options).done;
  }

  /** An execution this runner (or an earlier one on the same `dataDir`) started. */
  describeExecution(executionArn: string): ExecutionDescription | undefined {
    const live = this.#executions.get(executionArn);
    if (live) return live;
    const row = this.store.execution(executionArn);
    return row ? new StoredExecutionView(row, this.store) : undefined;
  }

  /** The child executions of a Map Run, oldest first; undefined when there is no such run. */
  mapRunExecutions(mapRunArn: string): ExecutionDescription[] | undefined {
    return this.mapRuns
      .children(mapRunArn)
      ?.map(
        (row) => this.#executions.get(row.executionArn) ?? new StoredExecutionView(row, this.store),
      );
  }

  /** The state machine revision an execution ran, for a created state machine. */
  executionRevision(executionArn: string): string | undefined {
    return this.store.execution(executionArn)?.revisionId;
  }

  /** Executions (of one state machine, of one status, when given), oldest first. */
  executions(filter: { stateMachineArn?: string; status?: string } = {}): ExecutionDescription[] {
    return this.store
      .executions(filter)
      .map(
        (row) => this.#executions.get(row.executionArn) ?? new StoredExecutionView(row, this.store),
      );
  }

  /**
   * The messages states sent — SNS publishes, EventBridge events, SQS messages — from the
   * store (so also those of an earlier runner on the same `dataDir`), oldest first.
   */
  messages(
    filter: { executionArn?: string; kind?: 'sns' | 'events' | 'sqs' } = {},
  ): StoredNotification[] {
    return this.store.notifications(filter);
  }

  /** An event bus by name (created when first named). */
  eventBus(name: string): LocalEventBus {
    let bus = this.eventBuses.get(name);
    if (!bus) {
      bus = new LocalEventBus(name);
      this.eventBuses.set(name, bus);
    }
    return bus;
  }

  /** `states:startExecution` of a Task: a child execution of a state machine of this runner. */
  startNested(stateMachineArn: string, input: Json, name: string) {
    const spec = this.findStateMachine(stateMachineArn);
    if (!spec) {
      throw new StatesError(
        'StepFunctions.StateMachineDoesNotExistException',
        `State Machine Does Not Exist: '${stateMachineArn}'`,
      );
    }
    const childArn = executionArn(spec.arn, name);
    if (this.describeExecution(childArn)) {
      throw new StatesError(
        'StepFunctions.ExecutionAlreadyExistsException',
        `Execution Already Exists: '${childArn}'`,
      );
    }
    const child = this.startExecution(input, { stateMachine: spec.arn, name });
    return {
      description: child,
      done: child.done,
      abort: (cause: string) => child.abort({ cause }),
    };
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

  /** The activities (CreateActivity), oldest first. */
  activities(): StoredActivity[] {
    return this.store.activities();
  }

  /**
   * The work at the activities: each task an execution scheduled and not yet ended (waiting
   * for a worker, or taken by one and waiting for its SendTask* answer), and each
   * GetActivityTask poll held open. The records hold the task tokens whole.
   */
  activityWork(): ActivityWork {
    return this.#activities.work();
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
        ...(options.coverage ? { coverage: options.coverage } : {}),
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

  /** Adds operations to the endpoint (e.g. console-only ones). */
  registerOperations(operations: SfnOperations): void {
    this.#server.register(operations);
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
    this.#activities.release();
    this.#console?.stream.close();
    await Promise.all([...this.functions.values()].map((fn) => fn.close()));
    for (const queue of this.queues.values()) queue.close();
    await this.#server.close();
    this.store.close();
    this.#dataDirLock?.release();
  }

  /** Versions and aliases of the created state machines, over the store. */
  #versionHost(): VersionHost {
    const store = this.store;
    return {
      stateMachine: (arn) => this.created.get(arn)?.stored,
      isAppStateMachine: (arn) => this.model.stateMachines.some((m) => m.arn === arn),
      revision: (revisionId) => store.revision(revisionId),
      publish: (arn, description, now) => this.created.publish(arn, description, now),
      versions: (arn) => store.versions().filter((v) => v.stateMachineArn === arn),
      version: (arn) => store.versions().find((v) => v.arn === arn),
      deleteVersion: (arn) => {
        store.deleteVersion(arn);
        this.invalidate(arn);
      },
      aliases: (arn) => store.aliases().filter((a) => a.stateMachineArn === arn),
      alias: (arn) => store.aliases().find((a) => a.arn === arn),
      putAlias: (alias) => store.putAlias(alias),
      deleteAlias: (arn) => store.deleteAlias(arn),
    };
  }

  #mockSession(spec: StateMachineSpec, testCase: string | undefined): MockSession | undefined {
    if (testCase === undefined) return undefined;
    const config = this.mockConfig;
    const mocked = config?.testCase(spec.name, testCase);
    if (!config || !mocked) {
      const known = config?.testCaseNames(spec.name) ?? [];
      throw new MockConfigError(
        config?.source ?? 'mock config',
        config
          ? `has no test case "${testCase}" for state machine "${spec.name}"${known.length > 0 ? ` (it has ${known.join(', ')})` : ''}`
          : `none was given (--mock-config or SFN_MOCK_CONFIG), so test case "${testCase}" does not exist`,
      );
    }
    // Only the chosen case: the others may be written for another revision of the machine.
    config.checkStates(spec.name, stateNames(spec.definition as { States: unknown }), testCase);
    return new MockSession(testCase, mocked, (token, output) => {
      this.#registry.succeed(token, output);
    });
  }

  /** An unmocked Task of TestState: the same emulated services as an execution's. */
  #testStateTask(request: TaskRequest): Promise<Json> {
    return routeTask(
      request,
      { targets: this.#targets, buses: (name) => this.eventBus(name), nested: this },
      { executionArn: '', onPublish: () => {}, onPut: () => {} },
    );
  }

  #record(executionArn: string, message: TopicMessage | BusEvent | SentQueueMessage): void {
    if (!this.store.isOpen) return;
    const [kind, target] =
      'eventBusName' in message
        ? (['events', message.eventBusName] as const)
        : 'queueUrl' in message
          ? (['sqs', message.queueUrl] as const)
          : (['sns', message.topicArn] as const);
    this.store.addNotification({
      kind,
      target,
      executionArn,
      ...(message.stateName !== undefined ? { stateName: message.stateName } : {}),
      body: { ...message } as Record<string, unknown>,
      timestamp: message.timestamp,
    });
  }

  /** The compiled state machine (of one version, when given: each version has its own). */
  #machine(spec: StateMachineSpec, versionArn?: string): LocalStateMachine {
    const key = versionArn ?? spec.arn;
    let machine = this.#machines.get(key);
    if (!machine) {
      // The caller checked the Tasks against the emulated services and the test case.
      machine = compileStateMachine(spec, { isMocked: () => true });
      this.#machines.set(key, machine);
    }
    return machine;
  }

  /** A published version of a created state machine. */
  findVersion(versionArn: string): StoredVersion | undefined {
    return this.store.versions().find((v) => v.arn === versionArn);
  }

  /** An alias of a created state machine. */
  findAlias(aliasArn: string): StoredAlias | undefined {
    return this.store.aliases().find((a) => a.arn === aliasArn);
  }

  #trim(): void {
    if (this.#executions.size <= this.#retain) return;
    for (const [arn, execution] of this.#executions) {
      if (this.#executions.size <= this.#retain) break;
      if (!this.#running.has(execution)) this.#executions.delete(arn);
    }
  }
}

/** The model of a runner without an app: no stack, no resources, only the region. */
function emptyModel(region: string, account: string): AppModel {
  return {
    stackName: '',
    region,
    account,
    queues: [],
    topics: [],
    functions: [],
    eventSourceMappings: [],
    stateMachines: [],
    alarms: [],
  };
}
