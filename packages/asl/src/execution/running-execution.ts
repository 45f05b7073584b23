import type { QueryLanguage, StateMachineDefinition } from '../definition.js';
import type { Execution } from '../execution.js';
import type { ExecutionOptions, ExecutionResult } from '../execution-options.js';
import { EventCursor, HistoryRecorder } from '../history/history-recorder.js';
import type { RecordedHistoryEvent } from '../history/recorded-event.js';
import type { Json } from '../json.js';
import type { RedrivePlan } from '../redrive/plan-redrive.js';
import { FailStateError } from '../states/fail-state.js';
import { StatesError, StatesErrors } from '../states-error.js';
import { TokenWaits } from '../tasks/token-waits.js';
import { defaultRandom } from '../time/default-random.js';
import { systemClock } from '../time/system-clock.js';
import { VariableScope } from '../variables/variable-scope.js';
import { ExecutionStopped } from './abort-reasons.js';
import { type Pacer, processPacer } from './pacer.js';
import type { RunContext } from './run-context.js';
import { runStateLoop } from './state-loop.js';

/** Stops the execution's timeout timer; one object, not a DOMException per execution. */
const EXECUTION_ENDED = Object.freeze({ reason: 'the execution ended' });

let tokenSequence = 0;
const defaultToken = () =>
  `local-task-token-${process.pid}-${++tokenSequence}-${Math.random().toString(36).slice(2)}`;

/** One execution of a state machine: the top-level thread, its history and its tokens. */
export class RunningExecution implements Execution {
  readonly result: Promise<ExecutionResult>;
  readonly #recorder: HistoryRecorder;
  readonly #tokens: TokenWaits;
  readonly #controller = new AbortController();
  #stopDetails: { error?: string; cause?: string } | undefined;
  #ended = false;

  readonly #ownsTokens: boolean;

  /**
   * @param internal Tests: a pacer with another bound, a smaller history limit. A Distributed
   *   Map's child execution: its parent's pacer (one execution yields as one) and task tokens
   *   (SendTaskSuccess reaches a child through its parent).
   */
  constructor(
    definition: StateMachineDefinition,
    options: ExecutionOptions,
    internal: {
      readonly pacer?: Pacer;
      readonly historyLimit?: number;
      readonly tokens?: TokenWaits;
      /** Continue an ended execution (see {@link planRedrive}). */
      readonly redrive?: RedrivePlan;
    } = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.#recorder = new HistoryRecorder(clock, options.onEvent, internal.historyLimit);
    // The limit's ExecutionFailed is recorded: the threads still running end without events.
    this.#recorder.onLimit = () =>
      this.#controller.abort(new ExecutionStopped('the history reached its limit'));
    this.#ownsTokens = internal.tokens === undefined;
    this.#tokens = internal.tokens ?? new TokenWaits(options.onTaskToken);
    const redrive = internal.redrive;
    const context: RunContext = {
      identity: redrive
        ? { ...options.identity, redriveCount: redrive.redriveCount }
        : options.identity,
      ...(redrive
        ? {
            redriveIterations: new Map(redrive.succeededIterations),
            redriveMapRuns: new Map(redrive.mapRuns),
            redriveBranches: new Map(redrive.succeededBranches),
          }
        : {}),
      input: options.input,
      startTime: new Date(clock.now()).toISOString(),
      recorder: this.#recorder,
      clock,
      random: options.random ?? defaultRandom,
      tasks: options.tasks,
      tokens: this.#tokens,
      ...(options.distributedMap ? { distributedMap: options.distributedMap } : {}),
      issueTaskToken: options.issueTaskToken ?? defaultToken,
      region: options.region ?? 'us-east-1',
      queryLanguage: (definition.QueryLanguage as QueryLanguage | undefined) ?? 'JSONPath',
      pacer: internal.pacer ?? processPacer,
      ...(options.onChoice ? { onChoice: options.onChoice } : {}),
    };
    this.result = this.#run(definition, context, redrive);
  }

  get history(): readonly RecordedHistoryEvent[] {
    return this.#recorder.events;
  }

  stop(error?: string, cause?: string): void {
    if (this.#ended || this.#stopDetails) return;
    this.#stopDetails = {
      ...(error !== undefined ? { error } : {}),
      ...(cause !== undefined ? { cause } : {}),
    };
    this.#controller.abort(new ExecutionStopped('the execution was stopped'));
  }

  sendTaskSuccess(token: string, output: Json): void {
    this.#tokens.answer(token, { kind: 'success', output });
  }

  sendTaskFailure(token: string, error?: string, cause?: string): void {
    this.#tokens.answer(token, {
      kind: 'failure',
      ...(error !== undefined ? { error } : {}),
      ...(cause !== undefined ? { cause } : {}),
    });
  }

  sendTaskHeartbeat(token: string): void {
    this.#tokens.heartbeat(token);
  }

  async #run(
    definition: StateMachineDefinition,
    context: RunContext,
    redrive: RedrivePlan | undefined,
  ): Promise<ExecutionResult> {
    const cursor = new EventCursor(0);
    const recorder = this.#recorder;
    if (redrive) {
      // The history goes on from the end of the last run.
      recorder.restore(redrive.history);
      cursor.last = redrive.history.length;
      recorder.append(cursor, {
        type: 'ExecutionRedriven',
        executionRedrivenEventDetails: { redriveCount: redrive.redriveCount },
      });
    } else {
      recorder.append(cursor, {
        type: 'ExecutionStarted',
        executionStartedEventDetails: {
          input: JSON.stringify(context.input),
          inputDetails: { truncated: false },
          roleArn: context.identity.roleArn,
        },
      });
      // AWS chains the first state's Entered event to 0, not to ExecutionStarted.
      cursor.last = 0;
    }
    const timeout = this.#executionTimeout(definition, context);
    const frame = {
      run: context,
      cursor,
      variables: new VariableScope(),
      active: { type: undefined },
      signal: this.#controller.signal,
    };
    let result: ExecutionResult;
    try {
      if (redrive) frame.variables.assign(redrive.variables);
      const output = redrive
        ? await runStateLoop(definition, redrive.input, frame, redrive.startAt)
        : await runStateLoop(definition, context.input, frame);
      if (this.#controller.signal.aborted) throw this.#controller.signal.reason;
      const text = JSON.stringify(output);
      recorder.append(cursor, {
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: { output: text, outputDetails: { truncated: false } },
      });
      result = { status: 'SUCCEEDED', output };
    } catch (thrown) {
      result = this.#failed(thrown, cursor, timeout.timedOut());
    } finally {
      timeout.cancel();
      this.#ended = true;
      if (this.#ownsTokens) this.#tokens.closeAll();
    }
    return result;
  }

  #failed(thrown: unknown, cursor: EventCursor, timedOut: boolean): ExecutionResult {
    const recorder = this.#recorder;
    if (recorder.full) {
      return { status: 'FAILED', error: StatesErrors.Runtime, cause: recorder.limitCause };
    }
    if (timedOut) {
      // Recorded: DescribeExecution of a timed-out execution has no error or cause.
      recorder.append(cursor, { type: 'ExecutionTimedOut', executionTimedOutEventDetails: {} });
      return { status: 'TIMED_OUT' };
    }
    if (this.#stopDetails) {
      recorder.append(cursor, {
        type: 'ExecutionAborted',
        executionAbortedEventDetails: this.#stopDetails,
      });
      return { status: 'ABORTED', ...this.#stopDetails };
    }
    let error: string | undefined;
    let cause: string | undefined;
    if (thrown instanceof FailStateError) {
      error = thrown.failError;
      cause = thrown.failCause;
    } else if (thrown instanceof StatesError) {
      error = thrown.error;
      cause = thrown.cause === '' ? undefined : thrown.cause;
    } else {
      error = StatesErrors.Runtime;
      cause = thrown instanceof Error ? thrown.message : String(thrown);
    }
    const details = {
      ...(error !== undefined && error !== '' ? { error } : {}),
      ...(cause !== undefined ? { cause } : {}),
    };
    recorder.append(cursor, { type: 'ExecutionFailed', executionFailedEventDetails: details });
    return { status: 'FAILED', ...details };
  }

  /** The state machine's `TimeoutSeconds`: the execution ends TIMED_OUT when it passes. */
  #executionTimeout(definition: StateMachineDefinition, context: RunContext) {
    const seconds = definition.TimeoutSeconds;
    let timedOut = false;
    const cancel = new AbortController();
    if (typeof seconds === 'number' && seconds > 0) {
      context.clock.sleep(seconds * 1000, cancel.signal).then(
        () => {
          if (this.#ended) return;
          timedOut = true;
          this.#controller.abort(new ExecutionStopped('the execution timed out'));
        },
        () => {},
      );
    }
    return { timedOut: () => timedOut, cancel: () => cancel.abort(EXECUTION_ENDED) };
  }
}
