import type { Clock } from '../clock.js';
import type { QueryLanguage } from '../definition.js';
import type {
  DistributedMapHost,
  ExecutionIdentity,
  ExecutionOptions,
} from '../execution-options.js';
import type { HistoryRecorder } from '../history/history-recorder.js';
import type { Json, JsonObject } from '../json.js';
import type { RandomSource } from '../scope.js';
import type { TaskHandler } from '../task-handler.js';
import type { TokenWaits } from '../tasks/token-waits.js';
import type { Pacer } from './pacer.js';

/** What every state of one execution shares. */
export interface RunContext {
  readonly identity: ExecutionIdentity;
  readonly input: Json;
  /** `$$.Execution.StartTime`. */
  readonly startTime: string;
  readonly recorder: HistoryRecorder;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly tasks: TaskHandler;
  readonly tokens: TokenWaits;
  /**
   * A redriven execution: the outputs of the inline Map iterations that succeeded before, by
   * Map state name and index (taken, so used once, by the Map state that failed).
   */
  readonly redriveIterations?: Map<string, ReadonlyMap<number, Json>>;
  /** A redriven execution: the outputs of the Parallel branches that succeeded (taken once). */
  readonly redriveBranches?: Map<string, ReadonlyMap<number, Json>>;
  /** A redriven execution: the Map Run of its failed Distributed Map, by state name (taken once). */
  readonly redriveMapRuns?: Map<string, { mapRunArn: string; redriveCount: number }>;
  /** Storage and observers for Distributed Maps (see {@link DistributedMapHost}). */
  readonly distributedMap?: DistributedMapHost;
  readonly issueTaskToken: () => string;
  readonly region: string;
  /** The state machine's `QueryLanguage`: the default of every state, nested ones too. */
  readonly queryLanguage: QueryLanguage;
  /** Makes the execution yield to the event loop every few transitions (see {@link Pacer}). */
  readonly pacer: Pacer;
  /** TestState only: replaces the context object the engine builds (a request's `context`). */
  readonly contextOverride?: (standard: JsonObject) => JsonObject;
  /** Told which rule each Choice state took (see {@link ExecutionOptions.onChoice}). */
  readonly onChoice?: ExecutionOptions['onChoice'];
}
