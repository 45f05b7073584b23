import type {
  DescribeMapRunOutput,
  MapRunExecutionCounts,
  MapRunStatus,
} from '@aws-sdk/client-sfn';
import type { ExecutionStatus } from '../execution-options.js';
import type { RecordedHistoryEvent } from '../history/recorded-event.js';
import type { Json } from '../json.js';

/** DescribeMapRun's answer, without the SDK's `$metadata`. */
export type MapRunDescription = Omit<DescribeMapRunOutput, '$metadata'>;

/** UpdateMapRun's settings: each one given replaces the running value. */
export interface MapRunUpdate {
  readonly maxConcurrency?: number;
  readonly toleratedFailureCount?: number;
  readonly toleratedFailurePercentage?: number;
}

/** A child execution of a Map Run, as ListExecutions / DescribeExecution show it. */
export interface ChildExecution {
  readonly executionArn: string;
  readonly name: string;
  /** `<parent machine ARN>/<label>`, as AWS names the children's state machine. */
  readonly stateMachineArn: string;
  readonly mapRunArn: string;
  readonly executionType: 'STANDARD' | 'EXPRESS';
  /** The item (or batch) index in the Map Run, from 0. */
  readonly index: number;
  readonly input: Json;
  readonly startDate: Date;
  readonly status: ExecutionStatus | 'RUNNING';
  readonly stopDate?: Date;
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  /** The child's own history, AWS-shaped (ExecutionStarted … ExecutionSucceeded). */
  readonly history: readonly RecordedHistoryEvent[];
  /** How many items the child ran (a batch holds several). */
  readonly itemCount: number;
}

/**
 * Observes the Map Runs of an execution (a host stores them for DescribeMapRun, ListMapRuns and
 * ListExecutions by Map Run). Children are handed over as they start and end and are not kept
 * by the engine, so that a Map Run of 100,000 items holds counts, not histories.
 */
export interface MapRunObserver {
  /** A Map Run started: keep the handle to describe or update it while it runs. */
  readonly mapRunStarted?: (mapRun: MapRun) => void;
  readonly childStarted?: (child: ChildExecution) => void;
  readonly childEnded?: (child: ChildExecution) => void;
  /** The Map Run ended (its status is final). */
  readonly mapRunEnded?: (mapRun: MapRun) => void;
}

/** A thrown update the Map Run cannot take (AWS's `ValidationException`). */
export class MapRunUpdateError extends Error {
  override readonly name = 'MapRunUpdateError';
}

type Counts = { -readonly [K in keyof MapRunExecutionCounts]-?: number };

function zeroCounts(): Counts {
  return {
    pending: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
    timedOut: 0,
    aborted: 0,
    total: 0,
    resultsWritten: 0,
    failuresNotRedrivable: 0,
    pendingRedrive: 0,
  };
}

/**
 * One Map Run: its ARN, settings (which UpdateMapRun changes while it runs), status and the
 * counts of its items and child executions.
 */
export class MapRun {
  readonly mapRunArn: string;
  readonly executionArn: string;
  readonly startDate: Date;
  #status: MapRunStatus = 'RUNNING';
  #stopDate: Date | undefined;
  #maxConcurrency: number;
  #toleratedFailureCount: number;
  #toleratedFailurePercentage: number;
  readonly items = zeroCounts();
  readonly executions = zeroCounts();
  readonly #redrive: { count: number; date: Date } | undefined;
  /** Told after each update (the running Map starts more children at once). */
  onUpdate: (() => void) | undefined;

  constructor(init: {
    mapRunArn: string;
    executionArn: string;
    startDate: Date;
    /** A redriven Map Run: how many times, and when. */
    redrive?: { count: number; date: Date };
    maxConcurrency: number;
    toleratedFailureCount: number;
    toleratedFailurePercentage: number;
  }) {
    this.mapRunArn = init.mapRunArn;
    this.executionArn = init.executionArn;
    this.startDate = init.startDate;
    this.#redrive = init.redrive;
    this.#maxConcurrency = init.maxConcurrency;
    this.#toleratedFailureCount = init.toleratedFailureCount;
    this.#toleratedFailurePercentage = init.toleratedFailurePercentage;
  }

  /** The id AWS uses in ResultWriter keys: the ARN's last part. */
  get id(): string {
    return this.mapRunArn.slice(this.mapRunArn.lastIndexOf(':') + 1);
  }

  get status(): MapRunStatus {
    return this.#status;
  }

  get maxConcurrency(): number {
    return this.#maxConcurrency;
  }

  get toleratedFailureCount(): number {
    return this.#toleratedFailureCount;
  }

  get toleratedFailurePercentage(): number {
    return this.#toleratedFailurePercentage;
  }

  /** DescribeMapRun's shape. */
  describe(): MapRunDescription {
    return {
      mapRunArn: this.mapRunArn,
      executionArn: this.executionArn,
      status: this.#status,
      startDate: this.startDate,
      ...(this.#stopDate ? { stopDate: this.#stopDate } : {}),
      maxConcurrency: this.#maxConcurrency,
      toleratedFailurePercentage: this.#toleratedFailurePercentage,
      toleratedFailureCount: this.#toleratedFailureCount,
      itemCounts: { ...this.items },
      executionCounts: { ...this.executions },
      redriveCount: this.#redrive?.count ?? 0,
      ...(this.#redrive ? { redriveDate: this.#redrive.date } : {}),
    };
  }

  /**
   * UpdateMapRun: new limits apply to the children started from now on.
   *
   * @throws MapRunUpdateError when the run has ended or a value is out of range (AWS's
   *   ValidationException).
   */
  update(update: MapRunUpdate): void {
    if (this.#status !== 'RUNNING') {
      throw new MapRunUpdateError(
        `Map Run ${this.mapRunArn} is ${this.#status} and cannot be updated.`,
      );
    }
    const { maxConcurrency, toleratedFailureCount, toleratedFailurePercentage } = update;
    if (
      maxConcurrency !== undefined &&
      !(Number.isInteger(maxConcurrency) && maxConcurrency >= 0)
    ) {
      throw new MapRunUpdateError('maxConcurrency must be an integer of 0 or more (0: no limit).');
    }
    if (
      toleratedFailureCount !== undefined &&
      !(Number.isInteger(toleratedFailureCount) && toleratedFailureCount >= 0)
    ) {
      throw new MapRunUpdateError('toleratedFailureCount must be an integer of 0 or more.');
    }
    if (
      toleratedFailurePercentage !== undefined &&
      !(toleratedFailurePercentage >= 0 && toleratedFailurePercentage <= 100)
    ) {
      throw new MapRunUpdateError('toleratedFailurePercentage must be between 0 and 100.');
    }
    if (maxConcurrency !== undefined) this.#maxConcurrency = maxConcurrency;
    if (toleratedFailureCount !== undefined) this.#toleratedFailureCount = toleratedFailureCount;
    if (toleratedFailurePercentage !== undefined)
      this.#toleratedFailurePercentage = toleratedFailurePercentage;
    this.onUpdate?.();
  }

  /** How many failed items the run tolerates out of `total`. */
  toleratedFailures(total: number): number {
    return Math.max(
      this.#toleratedFailureCount,
      Math.floor((this.#toleratedFailurePercentage / 100) * total),
    );
  }

  /** Whether any failure is tolerated at all (the error is then ExceedToleratedFailureThreshold). */
  get toleratesFailures(): boolean {
    return this.#toleratedFailureCount > 0 || this.#toleratedFailurePercentage > 0;
  }

  /**
   * Ends the run: its status and stop date. The counts stay as they were: items never
   * started stay pending (ResultWriter lists them in `PENDING_n.json`).
   */
  end(status: Exclude<MapRunStatus, 'RUNNING'>, at: Date): void {
    this.#status = status;
    this.#stopDate = at;
  }
}
