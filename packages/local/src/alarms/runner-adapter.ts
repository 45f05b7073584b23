/**
 * The one place where the runner feeds the alarms: it chains the runner's public hooks
 * (`onExecution`, `onBatch`, `onFunctionLog`), samples its queues, and evaluates the
 * template's alarms on demand. The runner itself knows nothing of alarms.
 */
import type { AlarmSpec, AppModel } from '../assembly/app-model.js';
import type { StartedExecution } from '../model/execution.js';
import type { LocalQueue } from '../queues/local-queue.js';
import type { BatchReport } from '../queues/sqs-poller.js';
import { type AlarmEvaluation, type AlarmState, evaluateAlarm } from './alarm-evaluator.js';
import { executionEnded, executionStarted, invocation, queueSample } from './aws-metrics.js';
import { parseEmfLine } from './emf-parser.js';
import { MetricStore } from './metric-store.js';

/** Options of {@link LocalAlarms}. */
export interface LocalAlarmsOptions {
  /**
   * The clock, in milliseconds since the epoch.
   * @default Date.now
   */
  readonly now?: () => number;
  /** @default a new store */
  readonly store?: MetricStore;
}

/**
 * The runner's hooks the adapter chains (those of `LocalRunnerOptions`). Methods, so that a
 * hook typed for the runner's own execution class is accepted.
 */
export interface RunnerHooks {
  onExecution?(execution: StartedExecution): void;
  onBatch?(report: BatchReport): void;
  onFunctionLog?(functionName: string, line: string): void;
}

/** What the adapter reads of a started runner. */
export interface RunnerView {
  readonly model: Pick<AppModel, 'alarms'>;
  readonly queues: ReadonlyMap<string, LocalQueue>;
  idle(): Promise<void>;
}

/**
 * The template's alarms evaluated on a local run's metrics.
 *
 * @example
 * ```ts
 * const alarms = new LocalAlarms();
 * const runner = alarms.attach(await LocalRunner.start(alarms.instrument({ assembly: 'cdk.out' })));
 * await runner.runExecution({});
 * for (const alarm of await alarms.evaluateSettled()) console.log(alarm.state, alarm.name);
 * ```
 */
export class LocalAlarms {
  readonly store: MetricStore;
  readonly #now: () => number;
  #runner: RunnerView | undefined;
  readonly #states = new Map<string, AlarmState>();

  constructor(options: LocalAlarmsOptions = {}) {
    this.store = options.store ?? new MetricStore();
    this.#now = options.now ?? Date.now;
  }

  /** The runner options with the metric hooks chained before the caller's own. */
  instrument<T extends object>(options: T & RunnerHooks): T {
    const { onExecution, onBatch, onFunctionLog } = options;
    return {
      ...options,
      onExecution: (execution: StartedExecution) => {
        const started = this.#now();
        this.#record(executionStarted(execution.stateMachineArn, started));
        void execution.done.then((ended) => {
          this.#record(
            executionEnded(
              ended.stateMachineArn,
              ended.status,
              ended.startDate.getTime(),
              ended.stopDate?.getTime() ?? this.#now(),
            ),
          );
          this.sampleQueues();
        });
        onExecution?.(execution);
      },
      onBatch: (report: BatchReport) => {
        this.#record(
          invocation(report.functionName, report.result.ok, report.result.durationMs, this.#now()),
        );
        this.sampleQueues();
        onBatch?.(report);
      },
      onFunctionLog: (functionName: string, line: string) => {
        const data = parseEmfLine(line, this.#now());
        if (data) this.#record(data);
        onFunctionLog?.(functionName, line);
      },
    };
  }

  /** Starts watching the runner's queues and alarms; returns the runner. */
  attach<T extends RunnerView>(runner: T): T {
    this.#runner = runner;
    this.sampleQueues();
    return runner;
  }

  /** The template's alarms. */
  get alarms(): readonly AlarmSpec[] {
    return this.#runner?.model.alarms ?? [];
  }

  /** Records each queue's depth and oldest message now. */
  sampleQueues(): void {
    const now = this.#now();
    for (const queue of this.#runner?.queues.values() ?? []) {
      this.#record(
        queueSample(
          queue.spec.name,
          {
            visible: queue.visibleCount,
            inFlight: queue.inFlightCount,
            delayed: queue.delayedCount,
          },
          queue.peek()[0]?.sentTimestamp,
          now,
        ),
      );
    }
  }

  /** Samples the queues and evaluates every alarm now (see `evaluateAlarm` for how). */
  evaluate(): AlarmEvaluation[] {
    this.sampleQueues();
    const now = this.#now();
    return this.alarms.map((spec) => {
      const evaluation = evaluateAlarm(spec, this.store, now, this.#states.get(spec.logicalId));
      this.#states.set(spec.logicalId, evaluation.state);
      return evaluation;
    });
  }

  /**
   * Waits until no batch is in progress and the functions' last log lines (their metric
   * documents) have arrived, then evaluates.
   */
  async evaluateSettled(): Promise<AlarmEvaluation[]> {
    await this.#runner?.idle();
    // A worker thread's stdout reaches the main thread on its own channel, shortly after
    // the invocation's result: give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return this.evaluate();
  }

  #record(data: readonly Parameters<MetricStore['record']>[0][]): void {
    for (const datum of data) this.store.record(datum);
  }
}
