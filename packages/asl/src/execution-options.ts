import type { Clock } from './clock.js';
import type { ChildExecution, MapRunObserver } from './distributed/map-run.js';
import type { ObjectStore } from './distributed/object-store.js';
import type { RecordedHistoryEvent } from './history/recorded-event.js';
import type { Json } from './json.js';
import type { RandomSource } from './scope.js';
import type { TaskHandler } from './task-handler.js';
import type { TaskTokenTiming } from './tasks/token-waits.js';

/** Who the execution is, as its context object (`$$.Execution`, `$$.StateMachine`) shows it. */
export interface ExecutionIdentity {
  readonly executionArn: string;
  readonly executionName: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly roleArn: string;
  /** @default 0 */
  readonly redriveCount?: number;
}

/** Everything one execution needs from its host. */
export interface ExecutionOptions {
  readonly identity: ExecutionIdentity;
  readonly input: Json;
  /** Performs every Task attempt. */
  readonly tasks: TaskHandler;
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default crypto-based randomness */
  readonly random?: RandomSource;
  /** Issues task tokens for `.waitForTaskToken` tasks. @default random opaque tokens */
  readonly issueTaskToken?: () => string;
  /** The region tasks run in, as `TaskScheduled` shows it. @default 'us-east-1' */
  readonly region?: string;
  /** Called with each history event as it is recorded. */
  readonly onEvent?: (event: RecordedHistoryEvent) => void;
  /**
   * Called when a `.waitForTaskToken` task starts waiting for its token (with its timeout
   * and heartbeat, in seconds), and when it stops.
   */
  readonly onTaskToken?: (token: string, open: boolean, timing?: TaskTokenTiming) => void;
  /**
   * Called when a Choice state has chosen, with the rule that matched (its index in
   * `Choices`) or `'Default'`. The history says only where the execution went next; a
   * coverage tool needs which rule took it there.
   */
  readonly onChoice?: (decision: ChoiceDecision) => void;
  /**
   * What a Distributed Map needs from its host: the storage its `ItemReader` reads and its
   * `ResultWriter` writes, and an observer of its Map Runs and child executions. Without a
   * store, a Distributed Map over inline items runs; one with an ItemReader or a ResultWriter
   * that writes fails with `States.ItemReaderFailed` / `States.ResultWriterFailed`.
   */
  readonly distributedMap?: DistributedMapHost;
}

/** Which rule of a Choice state matched, as {@link ExecutionOptions.onChoice} is told it. */
export interface ChoiceDecision {
  readonly stateName: string;
  /** The id of the state's `ChoiceStateEntered` event. */
  readonly enteredEventId: number;
  /** The index of the matching rule in `Choices`, or `'Default'`. */
  readonly rule: number | 'Default';
  readonly next: string;
}

/** See {@link ExecutionOptions.distributedMap}. */
export interface DistributedMapHost {
  /** The S3 the ItemReader and ResultWriter see. */
  readonly objectStore?: ObjectStore;
  /** Told of each Map Run and each of its child executions. */
  readonly observer?: MapRunObserver;
  /**
   * A redriven execution's failed Distributed Map: the children its Map Run had (as the
   * observer was told of them when they ended, histories included). Those that succeeded
   * keep their output; the others are redriven (STANDARD) or started again (EXPRESS).
   * Without it, every item runs again under the same Map Run.
   */
  readonly previousChildren?: (
    mapRunArn: string,
  ) => readonly ChildExecution[] | Promise<readonly ChildExecution[]>;
}

/** How an execution ended. */
export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** The end of an execution, as DescribeExecution reports it. */
export interface ExecutionResult {
  readonly status: ExecutionStatus;
  /** The output, when SUCCEEDED. */
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
}
