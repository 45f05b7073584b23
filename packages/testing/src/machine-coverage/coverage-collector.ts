import { errorMatches } from '@sfn-callback/asl';
import type { ObservedExecution, TraceStep } from '../trace/trace-step.js';
import { COVERAGE_FORMAT, type CoverageData, type MachineHits } from './coverage-data.js';
import { definitionHash } from './definition-hash.js';

type StateDefinition = Record<string, unknown>;

/** One state machine's counts while tests run, with what a step needs to find its item. */
class MachineCounter {
  readonly hits: Record<string, number> = {};
  /** Every state by name (names are unique across a state machine). */
  readonly #states = new Map<string, StateDefinition>();
  /** The first state of each Parallel branch and Map item processor, by the item it starts. */
  readonly #starts = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly definition: Readonly<Record<string, unknown>>,
  ) {
    const walk = (block: unknown) => {
      const { States } = (block ?? {}) as { States?: Record<string, StateDefinition> };
      for (const [stateName, state] of Object.entries(States ?? {})) {
        this.#states.set(stateName, state);
        if (state.Type === 'Map') {
          const processor = (state.ItemProcessor ?? state.Iterator) as { StartAt?: string };
          this.#starts.set(`${stateName}/${processor?.StartAt}`, `map:${stateName}`);
          walk(processor);
        }
        if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
          state.Branches.forEach((branch: { StartAt?: string }, index: number) => {
            this.#starts.set(`${stateName}/${branch?.StartAt}`, `parallel:${stateName}:${index}`);
            walk(branch);
          });
        }
      }
    };
    walk(definition);
  }

  count(step: TraceStep): void {
    switch (step.kind) {
      case 'entered': {
        const { visit } = step;
        this.#hit(`state:${visit.name}`);
        const frame = visit.scope.at(-1);
        const start = frame && this.#starts.get(`${frame.state}/${visit.name}`);
        if (start) this.#hit(start);
        break;
      }
      case 'chose':
        this.#hit(`choice:${step.visit.name}:${step.rule}`);
        break;
      case 'retried':
      case 'caught': {
        // The engine takes the first Retry / Catch whose ErrorEquals matches the error.
        const field = step.kind === 'retried' ? 'Retry' : 'Catch';
        const handlers = this.#states.get(step.visit.name)?.[field];
        if (!Array.isArray(handlers)) break;
        const index = handlers.findIndex((handler: { ErrorEquals?: string[] }) =>
          errorMatches(handler.ErrorEquals ?? [], step.error.error),
        );
        if (index >= 0) this.#hit(`${field.toLowerCase()}:${step.visit.name}:${index}`);
        break;
      }
    }
  }

  #hit(id: string): void {
    this.hits[id] = (this.hits[id] ?? 0) + 1;
  }
}

/**
 * Counts what test executions cover, per state machine (one per definition): register
 * {@link CoverageCollector.observer} with `observeExecutions`, then write
 * {@link CoverageCollector.data}.
 */
export class CoverageCollector {
  readonly #machines = new Map<object, MachineCounter>();

  /** The observer to register (`observeExecutions(collector.observer)`). */
  readonly observer = (step: TraceStep, execution: ObservedExecution): void => {
    let counter = this.#machines.get(execution.definition);
    if (!counter) {
      counter = new MachineCounter(execution.machineName, execution.definition);
      this.#machines.set(execution.definition, counter);
    }
    counter.count(step);
  };

  /** What was covered so far, one entry per state machine loaded by the tests. */
  data(): CoverageData {
    const machines: MachineHits[] = [];
    for (const counter of this.#machines.values()) {
      machines.push({
        name: counter.name,
        definitionHash: definitionHash(counter.definition),
        definition: counter.definition,
        hits: { ...counter.hits },
      });
    }
    return { format: COVERAGE_FORMAT, version: 1, machines };
  }
}
