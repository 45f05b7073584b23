import type {
  ChoiceDecision,
  Execution,
  ExecutionResult,
  Json,
  MockFieldValidationMode,
  RecordedHistoryEvent,
  StateMachine,
  TaskRequest,
} from '@sfn-callback/asl';
import { describeExecution } from '../assertions/describe-execution.js';
import { StateMachineTestError } from '../errors.js';
import type { IndexedState } from '../load/state-index.js';
import { mockHandler } from '../mocks/mock-handler.js';
import type { ResourceMocks, StateMocks } from '../mocks/state-mock.js';
import { TestClock } from '../time/test-clock.js';
import { ExecutionTrace } from '../trace/execution-trace.js';
import type { ScopeFrame, StateVisit } from '../trace/state-visit.js';
import type { ObservedExecution, TraceObserver, TraceStep } from '../trace/trace-step.js';
import { PendingTask, type PendingTaskHost } from './pending-task.js';

/** Everything a test execution is started with (see `TestMachine.start`). */
export interface TestExecutionSetup {
  readonly machine: StateMachine;
  readonly machineName: string;
  readonly definition: Readonly<Record<string, unknown>>;
  readonly states: ReadonlyMap<string, IndexedState>;
  readonly name: string;
  readonly input: Json;
  readonly mocks: StateMocks;
  readonly resources: ResourceMocks;
  readonly validation: MockFieldValidationMode;
  readonly startTime: number;
  readonly autoAdvance: boolean;
  readonly observers: readonly TraceObserver[];
}

/** A Map iteration or Parallel branch to read a path in. */
export type ScopeSelector = ScopeFrame | readonly ScopeFrame[];

/** A duration: milliseconds, or seconds / minutes / hours / days added up. */
export type Duration =
  | number
  | {
      readonly seconds?: number;
      readonly minutes?: number;
      readonly hours?: number;
      readonly days?: number;
    };

const toMs = (duration: Duration): number =>
  typeof duration === 'number'
    ? duration
    : ((duration.days ?? 0) * 86_400 +
        (duration.hours ?? 0) * 3_600 +
        (duration.minutes ?? 0) * 60 +
        (duration.seconds ?? 0)) *
      1000;

interface Waiter {
  /** Why it will never happen, for the message. */
  readonly never: () => string;
  /** Resolves and returns true when what it waits for has happened. */
  check(): boolean;
  /** Nothing more will happen (the execution is idle or ended, or the test cannot go on). */
  reject(error: Error): void;
}

/**
 * One execution of a state machine in a test, on virtual time: its history and the states
 * it took as they are recorded, the tasks that wait for the test, and time the test can
 * move by hand. A wait for something the execution will never do fails at once, saying
 * what the execution did instead.
 */
export class TestExecution {
  /** The execution's name (`$$.Execution.Name`). */
  readonly name: string;
  readonly input: Json;
  readonly #execution: Execution;
  readonly #clock: TestClock;
  readonly #trace: ExecutionTrace;
  /** How many history events the trace has read. */
  #traced = 0;
  #traceEnded = false;
  readonly #pending: PendingTask[] = [];
  readonly #byToken = new Map<string, PendingTask>();
  readonly #released = new Set<PendingTask>();
  readonly #claimed = new Set<PendingTask>();
  readonly #waiters = new Set<Waiter>();
  #inFlight = 0;
  #result: ExecutionResult | undefined;
  #fatal: StateMachineTestError | undefined;

  constructor(setup: TestExecutionSetup) {
    this.name = setup.name;
    this.input = setup.input;
    const identity = {
      executionArn: `arn:aws:states:us-east-1:123456789012:execution:${setup.machineName}:${setup.name}`,
      executionName: setup.name,
      stateMachineArn: `arn:aws:states:us-east-1:123456789012:stateMachine:${setup.machineName}`,
      stateMachineName: setup.machineName,
      roleArn: 'arn:aws:iam::123456789012:role/test',
    };
    const observed: ObservedExecution = {
      name: setup.name,
      machineName: setup.machineName,
      definition: setup.definition,
    };
    const emit =
      setup.observers.length === 0
        ? undefined
        : (step: TraceStep) => {
            for (const observer of setup.observers) observer(step, observed);
          };
    this.#trace = new ExecutionTrace(setup.states, emit);
    this.#clock = new TestClock(setup.startTime, setup.autoAdvance);
    this.#clock.attach({
      inFlight: () => this.#inFlight,
      waitsForTest: () => this.#pending.some((task) => task.open && !this.#released.has(task)),
      idle: () => this.#idle(),
    });
    const tasks = mockHandler(
      { states: setup.mocks, resources: setup.resources, validation: setup.validation },
      {
        awaitTest: (request) => this.#awaitTest(request),
        answerToken: (token, output) => this.#execution.sendTaskSuccess(token, output),
        fatal: (error) => this.#fail(error),
        begin: () => {
          this.#inFlight++;
        },
        end: () => {
          this.#inFlight--;
          this.#clock.settle();
        },
      },
    );
    this.#execution = setup.machine.start({
      identity,
      input: setup.input,
      tasks,
      clock: this.#clock,
      // Observers see each step as it happens; without them the trace reads the history
      // only when the test asks (most tests never look at most events).
      ...(emit
        ? {
            onEvent: (event: RecordedHistoryEvent) => {
              this.#trace.add(event);
              this.#traced++;
            },
            onChoice: (decision: ChoiceDecision) =>
              this.#trace.chose(decision.enteredEventId, decision.rule),
          }
        : {}),
      onTaskToken: (token, open) => {
        if (!open) this.#byToken.get(token)?.close();
        this.#notify();
      },
    });
    void this.#execution.result.then((result) => {
      this.#result = result;
      this.#clock.detach();
      if (emit) this.#traceUp();
      for (const task of this.#pending) task.close();
      emit?.({ kind: 'ended', result });
      this.#notify();
      this.#idle();
    });
  }

  /** The history so far, in the Step Functions API's `HistoryEvent` shape. */
  get history(): readonly RecordedHistoryEvent[] {
    return this.#execution.history;
  }

  /** Every state the execution entered so far, in order, Map iterations and Parallel branches included. */
  get visits(): readonly StateVisit[] {
    return this.#traceUp().visits;
  }

  /** `RUNNING` until the execution ends, then its status. */
  get status(): ExecutionResult['status'] | 'RUNNING' {
    return this.#result?.status ?? 'RUNNING';
  }

  /** How it ended: status, output, error and cause; undefined while it runs. */
  get result(): ExecutionResult | undefined {
    return this.#result;
  }

  /** The execution's virtual time now. */
  get now(): Date {
    return new Date(this.#clock.now());
  }

  /** The tasks that wait for the test now. */
  get pendingTasks(): readonly PendingTask[] {
    return this.#pending.filter((task) => task.open);
  }

  /**
   * The names of the states taken, in order: at the top level, or inside one Map
   * iteration or Parallel branch (`{ state: 'Each Order', iteration: 2 }`, or a list of
   * frames, outermost first, for nested ones).
   */
  path(scope?: ScopeSelector): string[] {
    const frames: readonly ScopeFrame[] =
      scope === undefined ? [] : Array.isArray(scope) ? scope : [scope as ScopeFrame];
    return this.#traceUp()
      .visits.filter(
        (visit) =>
          visit.scope.length === frames.length &&
          frames.every(
            (frame, i) =>
              visit.scope[i]?.state === frame.state &&
              (frame.iteration === undefined || visit.scope[i]?.iteration === frame.iteration) &&
              (frame.branch === undefined || visit.scope[i]?.branch === frame.branch),
          ),
      )
      .map((visit) => visit.name);
  }

  /** Every visit of a state (a state in a Map runs once per iteration). */
  visitsOf(stateName: string): StateVisit[] {
    return this.#traceUp().visits.filter((visit) => visit.name === stateName);
  }

  /**
   * A visit of a state: its input, output, assigned variables, attempts and errors.
   * `occurrence` picks among several (0 = the first).
   * @throws StateMachineTestError `NEVER_HAPPENS` when the state was not visited, with the path taken.
   */
  state(stateName: string, occurrence = 0): StateVisit {
    const visit = this.visitsOf(stateName)[occurrence];
    if (!visit) {
      throw new StateMachineTestError(
        'NEVER_HAPPENS',
        `state "${stateName}" was not visited${occurrence > 0 ? ` ${occurrence + 1} times` : ''}: ${this.describe()}`,
      );
    }
    return visit;
  }

  /** The execution's status and the states it took, as failure messages show it. */
  describe(): string {
    const open = this.pendingTasks.map((task) => `"${task.stateName}"`);
    const waiting =
      open.length && !this.#result ? `\nwaiting for the test: ${open.join(', ')}` : '';
    return `${describeExecution({ name: this.name, visits: this.visits, result: this.#result })}${waiting}`;
  }

  /**
   * Waits until a `.waitForTaskToken` task that no mock answers waits for the test (of
   * `stateName`, or any), and returns it; each task is returned once. Rejects at once when
   * the execution cannot get there: it ended, or it waits for something else.
   */
  waitForTask(stateName?: string): Promise<PendingTask> {
    return this.#wait<PendingTask>(
      (resolve) => {
        const task = this.#pending.find(
          (t) =>
            t.open &&
            !this.#claimed.has(t) &&
            (stateName === undefined || t.stateName === stateName),
        );
        if (!task) return false;
        this.#claimed.add(task);
        resolve(task);
        return true;
      },
      () =>
        `no task${stateName !== undefined ? ` of state "${stateName}"` : ''} will wait for the test`,
    );
  }

  /**
   * Waits for the end of the execution and returns how it ended. Rejects at once if it
   * cannot end without the test: a task waits for an answer, or time is held.
   */
  finished(): Promise<ExecutionResult> {
    return this.#wait<ExecutionResult>(
      (resolve) => {
        if (!this.#result) return false;
        resolve(this.#result);
        return true;
      },
      () => 'the execution cannot end without the test',
    );
  }

  /**
   * Moves virtual time forward (every Wait, retry interval, heartbeat and timeout that
   * falls due fires, in order) and resolves once the execution has settled.
   */
  async advanceTime(duration: Duration): Promise<void> {
    await this.#clock.advance(toMs(duration));
  }

  /** StopExecution: ends the execution ABORTED. */
  stop(error?: string, cause?: string): void {
    this.#execution.stop(error, cause);
  }

  /** What each pending task needs from this execution (one object for all of them). */
  readonly #taskHost: PendingTaskHost = {
    // A function: the first task can start before the engine's start() has returned.
    execution: () => this.#execution,
    release: (task) => {
      this.#released.add(task);
      this.#clock.settle();
    },
    closed: (task) =>
      this.#wait<void>(
        (resolve) => {
          if (task.open) return false;
          resolve();
          return true;
        },
        () => `the task of state "${task.stateName}" cannot time out`,
      ),
    settle: () => this.#clock.settle(),
  };

  /** The trace, with every event recorded so far read. */
  #traceUp(): ExecutionTrace {
    const history = this.#execution.history;
    while (this.#traced < history.length) {
      this.#trace.add(history[this.#traced++] as RecordedHistoryEvent);
    }
    if (this.#result && !this.#traceEnded) {
      this.#traceEnded = true;
      this.#trace.end();
    }
    return this.#trace;
  }

  #awaitTest(request: TaskRequest): void {
    const task = new PendingTask(request, this.#taskHost);
    this.#pending.push(task);
    this.#byToken.set(task.token, task);
    this.#notify();
  }

  #wait<T>(check: (resolve: (value: T) => void) => boolean, never: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.#fatal) {
        reject(this.#fatal);
        return;
      }
      if (check(resolve)) return;
      if (this.#result) {
        reject(new StateMachineTestError('NEVER_HAPPENS', `${never()}: ${this.describe()}`));
        return;
      }
      const waiter: Waiter = {
        never,
        check: () => check(resolve),
        reject: (error) => reject(error),
      };
      this.#waiters.add(waiter);
      this.#clock.settle();
    });
  }

  /** Something happened: waiters whose event came are done. */
  #notify(): void {
    for (const waiter of this.#waiters) {
      if (waiter.check()) this.#drop(waiter);
    }
  }

  /** Nothing can run until the test acts: every waiter still waiting will wait forever. */
  #idle(): void {
    this.#notify();
    for (const waiter of this.#waiters) {
      const never = waiter.never();
      const due = this.#result ? undefined : this.#clock.nextDue();
      const held =
        due === undefined
          ? ''
          : this.pendingTasks.length > 0
            ? `\ntime stands still while a task waits for the test (the next timer is due at ${new Date(due).toISOString()}): answer the task, let it time out, or call advanceTime()`
            : `\ntime is held (auto-advance is off): the next timer is due at ${new Date(due).toISOString()}; call advanceTime()`;
      waiter.reject(
        new StateMachineTestError('NEVER_HAPPENS', `${never}: ${this.describe()}${held}`),
      );
      this.#drop(waiter);
    }
  }

  #drop(waiter: Waiter): void {
    this.#waiters.delete(waiter);
  }

  #fail(error: StateMachineTestError): void {
    this.#fatal ??= error;
    for (const waiter of this.#waiters) {
      waiter.reject(error);
      this.#drop(waiter);
    }
  }
}
