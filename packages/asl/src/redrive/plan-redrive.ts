import type { StateMachineDefinition, StatesBlock } from '../definition.js';
import { historyLimitCause } from '../history/history-recorder.js';
import type { RecordedHistoryEvent } from '../history/recorded-event.js';
import type { Json } from '../json.js';
import { MAX_HISTORY_EVENTS } from '../limits.js';
import { ExecutionNotRedrivableError } from './execution-not-redrivable.js';

/** AWS redrives executions that ended in the last 14 days. */
export const REDRIVE_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/** Where a redriven execution picks up, read from its history. */
export interface RedrivePlan {
  readonly history: readonly RecordedHistoryEvent[];
  /** `redriveCount` after this redrive (1 for the first). */
  readonly redriveCount: number;
  /** The top-level state to run again, and its input then. */
  readonly startAt: string;
  readonly input: Json;
  /** The top-level variables as the states that exited had assigned them. */
  readonly variables: Record<string, Json>;
  /**
   * The outputs of the inline Map iterations that succeeded, by Map state name and item
   * index: those are not run again.
   */
  readonly succeededIterations: ReadonlyMap<string, ReadonlyMap<number, Json>>;
  /**
   * The Map Run a failed Distributed Map state started, by state name: it is redriven (same
   * ARN, `MapRunRedriven`), its failed children run again, its succeeded ones do not.
   */
  readonly mapRuns: ReadonlyMap<string, { mapRunArn: string; redriveCount: number }>;
  /** The outputs of the Parallel branches that succeeded, by Parallel state name and branch index. */
  readonly succeededBranches: ReadonlyMap<string, ReadonlyMap<number, Json>>;
}

const ENDS = {
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
} as const;

/**
 * Checks that an execution can be redriven as AWS's rules say (it ended FAILED, TIMED_OUT or
 * ABORTED, not at the 25,000-event history limit, in the last 14 days) and plans where it
 * continues: the last top-level state that entered and never exited, with its input then.
 *
 * @param now ms since the epoch, for the 14-day window.
 * @throws ExecutionNotRedrivableError with the reason and AWS-worded message.
 */
export function planRedrive(
  definition: StateMachineDefinition,
  history: readonly RecordedHistoryEvent[],
  executionInput: Json,
  now: number,
): RedrivePlan {
  const last = history.at(-1);
  const end = last ? ENDS[last.type as keyof typeof ENDS] : undefined;
  if (!last || end === undefined) {
    const status = last?.type === 'ExecutionSucceeded' ? 'SUCCEEDED' : 'RUNNING';
    throw new ExecutionNotRedrivableError(
      status === 'SUCCEEDED' ? 'SUCCEEDED' : 'NOT_ENDED',
      `Execution is ${status} and cannot be redriven`,
    );
  }
  if (
    history.length >= MAX_HISTORY_EVENTS ||
    last.executionFailedEventDetails?.cause === historyLimitCause(MAX_HISTORY_EVENTS)
  ) {
    throw new ExecutionNotRedrivableError(
      'HISTORY_LIMIT',
      'Execution has exceeded the max execution history size and cannot be redriven',
    );
  }
  if (now - last.timestamp.getTime() > REDRIVE_WINDOW_MS) {
    throw new ExecutionNotRedrivableError(
      'TOO_OLD',
      'Execution ended more than 14 days ago and cannot be redriven',
    );
  }

  const topLevel = new Set(Object.keys(definition.States));
  const byId = new Map(history.map((event) => [event.id, event]));
  const variables: Record<string, Json> = {};
  let open: { name: string; input: Json; enteredId: number; mapRunArn?: string } | undefined;
  // The last top-level Entered with no Exited after it. Inner states share names only by
  // chance: a state is top level when its Entered chains to a top-level event or to 0.
  for (const event of history) {
    const entered = event.stateEnteredEventDetails;
    if (
      entered?.name !== undefined &&
      topLevel.has(entered.name) &&
      isTopLevel(event, byId, topLevel)
    ) {
      open = {
        name: entered.name,
        input: JSON.parse(entered.input ?? 'null') as Json,
        enteredId: event.id,
      };
      continue;
    }
    const mapRunArn =
      event.mapRunStartedEventDetails?.mapRunArn ?? event.mapRunRedrivenEventDetails?.mapRunArn;
    if (open && mapRunArn !== undefined) open.mapRunArn = mapRunArn;
    const exited = event.stateExitedEventDetails;
    if (exited?.name !== undefined && open?.name === exited.name && topLevel.has(exited.name)) {
      for (const [name, text] of Object.entries(exited.assignedVariables ?? {})) {
        variables[name] = JSON.parse(text) as Json;
      }
      open = undefined;
    }
  }
  const redriveCount = history.filter((event) => event.type === 'ExecutionRedriven').length + 1;
  return {
    history,
    redriveCount,
    startAt: open?.name ?? definition.StartAt,
    input: open ? open.input : executionInput,
    variables,
    succeededIterations: open ? succeededIterations(history, open.name) : new Map(),
    succeededBranches:
      open && definition.States[open.name]?.Type === 'Parallel'
        ? new Map([
            [
              open.name,
              succeededBranches(
                history,
                open.enteredId,
                (definition.States[open.name]?.Branches ?? []) as unknown as StatesBlock[],
              ),
            ],
          ])
        : new Map(),
    mapRuns:
      open?.mapRunArn !== undefined
        ? new Map([
            [
              open.name,
              {
                mapRunArn: open.mapRunArn,
                redriveCount:
                  history.filter(
                    (event) => event.mapRunRedrivenEventDetails?.mapRunArn === open?.mapRunArn,
                  ).length + 1,
              },
            ],
          ])
        : new Map(),
  };
}

/** Whether a state's Entered event is on the execution's own thread (not inside a Map or Parallel). */
function isTopLevel(
  event: RecordedHistoryEvent,
  byId: ReadonlyMap<number, RecordedHistoryEvent>,
  topLevel: ReadonlySet<string>,
): boolean {
  const previous = byId.get(event.previousEventId);
  if (!previous) return true;
  if (previous.type === 'ExecutionStarted' || previous.type === 'ExecutionRedriven') return true;
  if (previous.type === 'MapIterationStarted' || previous.type === 'ParallelStateStarted')
    return false;
  const name = previous.stateExitedEventDetails?.name ?? previous.stateEnteredEventDetails?.name;
  return name === undefined || topLevel.has(name);
}

/**
 * The outputs of the iterations of the Map state `mapName` that succeeded in its last run:
 * MapIterationSucceeded chains to the iteration's last event, the Exited event of the state
 * that ended it, whose output is the iteration's.
 */
function succeededIterations(
  history: readonly RecordedHistoryEvent[],
  mapName: string,
): Map<string, Map<number, Json>> {
  const byId = new Map(history.map((event) => [event.id, event]));
  const outputs = new Map<number, Json>();
  for (const event of history) {
    const details = event.mapIterationSucceededEventDetails;
    if (event.type !== 'MapIterationSucceeded' || details?.name !== mapName) continue;
    const lastOfIteration = byId.get(event.previousEventId);
    const output = lastOfIteration?.stateExitedEventDetails?.output;
    if (output !== undefined && details.index !== undefined) {
      outputs.set(details.index, JSON.parse(output) as Json);
    }
  }
  return outputs.size > 0 ? new Map([[mapName, outputs]]) : new Map();
}

/**
 * The outputs of the branches of a Parallel state (entered at `enteredId`) that succeeded:
 * each branch is a thread of events chained from ParallelStateStarted, starting at its
 * `StartAt`; it succeeded when its thread holds the Exited event of a state that ends it.
 */
function succeededBranches(
  history: readonly RecordedHistoryEvent[],
  enteredId: number,
  branches: readonly StatesBlock[],
): Map<number, Json> {
  const outputs = new Map<number, Json>();
  const started = history.find(
    (event) => event.type === 'ParallelStateStarted' && event.previousEventId === enteredId,
  );
  if (!started) return outputs;
  const claimed = new Set<number>();
  branches.forEach((branch, index) => {
    const first = history.find(
      (event) =>
        event.previousEventId === started.id &&
        !claimed.has(event.id) &&
        event.stateEnteredEventDetails?.name === branch.StartAt,
    );
    if (!first) return;
    claimed.add(first.id);
    const thread = new Set([first.id]);
    for (const event of history) {
      if (event.id <= first.id || !thread.has(event.previousEventId)) continue;
      thread.add(event.id);
      const exited = event.stateExitedEventDetails;
      const state = exited?.name !== undefined ? branch.States[exited.name] : undefined;
      if (
        state &&
        (state.End === true || state.Type === 'Succeed') &&
        exited?.output !== undefined
      ) {
        outputs.set(index, JSON.parse(exited.output) as Json);
      }
    }
  });
  return outputs;
}
