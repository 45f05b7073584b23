import {
  type ChildExecution,
  type Json,
  type MapRun,
  type MapRunDescription,
  type MapRunObserver,
  type MapRunUpdate,
  MapRunUpdateError,
} from '@sfn-callback/asl';
import type { LocalStore, StoredExecution } from './local-store.js';

/**
 * The Map Runs of Distributed Maps, for DescribeMapRun, ListMapRuns, UpdateMapRun and
 * ListExecutions by Map Run: the running ones held (the engine's handles, counts only), every
 * one's description recorded in the store at its start and end, and each child execution
 * stored as an execution of its own (row and history, so that DescribeExecution and
 * GetExecutionHistory answer for it) linked to its run. Children go to the store as they
 * end, so a run of 100,000 items keeps nothing of them on the heap.
 */
export class MapRuns {
  readonly #store: LocalStore;
  readonly #running = new Map<string, MapRun>();

  constructor(store: LocalStore) {
    this.#store = store;
  }

  /** What the engine tells of the Map Runs of an execution (`distributedMap.observer`). */
  readonly observer: MapRunObserver = {
    mapRunStarted: (run) => {
      this.#running.set(run.mapRunArn, run);
      this.#save(run);
    },
    childStarted: (child) => this.#childStarted(child),
    childEnded: (child) => this.#childEnded(child),
    mapRunEnded: (run) => {
      this.#save(run);
      this.#running.delete(run.mapRunArn);
    },
  };

  /** DescribeMapRun's answer, or undefined for a Map Run that does not exist. */
  describe(mapRunArn: string): MapRunDescription | undefined {
    const running = this.#running.get(mapRunArn);
    if (running) return running.describe();
    const stored = this.#store.mapRun(mapRunArn);
    return stored === undefined ? undefined : revive(stored);
  }

  /** The Map Runs an execution started, oldest first. */
  ofExecution(executionArn: string): MapRunDescription[] {
    return this.#store
      .mapRunsOf(executionArn)
      .map((text) => revive(text))
      .map((recorded) => this.#running.get(recorded.mapRunArn ?? '')?.describe() ?? recorded);
  }

  /**
   * UpdateMapRun. False for a Map Run that does not exist.
   * @throws MapRunUpdateError (the engine's) for an ended run or a value out of range.
   */
  update(mapRunArn: string, update: MapRunUpdate): boolean {
    const running = this.#running.get(mapRunArn);
    if (running) {
      running.update(update);
      this.#save(running);
      return true;
    }
    const ended = this.describe(mapRunArn);
    if (!ended) return false;
    // The engine's words for a run that ended while held.
    throw new MapRunUpdateError(`Map Run ${mapRunArn} is ${ended.status} and cannot be updated.`);
  }

  /** The child executions of a Map Run, oldest first; undefined when there is no such run. */
  children(mapRunArn: string): StoredExecution[] | undefined {
    if (this.describe(mapRunArn) === undefined) return undefined;
    return this.#store.mapRunExecutions(mapRunArn);
  }

  /** The children a redriven Map Run had (`distributedMap.previousChildren`). */
  previousChildren(mapRunArn: string): ChildExecution[] {
    return this.#store.mapRunChildren(mapRunArn).flatMap((link) => {
      const row = this.#store.execution(link.executionArn);
      if (!row) return [];
      return [
        {
          executionArn: row.executionArn,
          name: row.name,
          stateMachineArn: row.stateMachineArn,
          mapRunArn,
          executionType: link.executionType,
          index: link.index,
          itemCount: link.itemCount,
          input: JSON.parse(row.input) as Json,
          startDate: row.startDate,
          status: row.status,
          ...(row.stopDate ? { stopDate: row.stopDate } : {}),
          ...(row.output !== undefined ? { output: JSON.parse(row.output) as Json } : {}),
          ...(row.error !== undefined ? { error: row.error } : {}),
          ...(row.cause !== undefined ? { cause: row.cause } : {}),
          history: this.#store.events(row.executionArn),
        },
      ];
    });
  }

  #save(run: MapRun): void {
    if (!this.#store.isOpen) return;
    this.#store.putMapRun(run.mapRunArn, run.executionArn, JSON.stringify(run.describe()));
  }

  #childStarted(child: ChildExecution): void {
    if (!this.#store.isOpen) return;
    const previous = this.#store.execution(child.executionArn);
    if (previous) {
      // A redriven child (same ARN): running again.
      const redrives = this.#store.redriveOf(child.executionArn)?.redriveCount ?? 0;
      this.#store.redriveExecution(child.executionArn, {
        redriveCount: redrives + 1,
        redriveDate: child.startDate,
      });
      return;
    }
    this.#store.insertExecution({
      executionArn: child.executionArn,
      stateMachineArn: child.stateMachineArn,
      name: child.name,
      status: 'RUNNING',
      startDate: child.startDate,
      input: JSON.stringify(child.input),
    });
    this.#store.addMapRunChild({
      mapRunArn: child.mapRunArn,
      executionArn: child.executionArn,
      index: child.index,
      itemCount: child.itemCount,
      executionType: child.executionType,
    });
  }

  #childEnded(child: ChildExecution): void {
    if (!this.#store.isOpen) return;
    if (!this.#store.execution(child.executionArn)) this.#childStarted(child);
    this.#store.endExecution({
      executionArn: child.executionArn,
      stateMachineArn: child.stateMachineArn,
      name: child.name,
      status: child.status,
      startDate: child.startDate,
      ...(child.stopDate ? { stopDate: child.stopDate } : {}),
      input: JSON.stringify(child.input),
      ...(child.output !== undefined ? { output: JSON.stringify(child.output) } : {}),
      ...(child.error !== undefined ? { error: child.error } : {}),
      ...(child.cause !== undefined ? { cause: child.cause } : {}),
    });
    for (const event of child.history) this.#store.appendEvent(child.executionArn, event);
  }
}

/** A recorded description, its dates Dates again. */
function revive(text: string): MapRunDescription {
  const recorded = JSON.parse(text) as Record<string, unknown>;
  for (const key of ['startDate', 'stopDate', 'redriveDate']) {
    if (typeof recorded[key] === 'string') recorded[key] = new Date(recorded[key] as string);
  }
  return recorded as MapRunDescription;
}
