import {
  type RunOptions,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import type { StateMachineSpec } from '../assembly/model.js';
import type { EngineEvent } from '../history/translate-engine-event.js';
import { type PreparedDefinition, prepareDefinition } from './prepare-definition.js';

/** A Task state's local implementation: effective parameters in, task result out. */
export type TaskHandler = (parameters: unknown) => Promise<unknown>;

/** One run of the engine. */
export interface EngineRun {
  readonly result: Promise<unknown>;
  readonly events: AsyncGenerator<EngineEvent>;
  readonly abort: () => void;
}

/**
 * The adapter over aws-local-stepfunctions: one per state machine, the definition checked
 * and prepared once and the engine's `StateMachine` constructed once (construction
 * validates the definition, ~0.5 s). Every Task runs through a handler of the runner
 * (`overrides.taskResourceLocalHandlers`); the context object is the caller's, so a
 * `Task.Token` getter gives each attempt a fresh token.
 *
 * Needs Node 22 or later (the engine uses `Promise.withResolvers`).
 */
export class LocalEngine {
  readonly spec: StateMachineSpec;
  readonly prepared: PreparedDefinition;
  readonly #machine: StateMachine;

  constructor(spec: StateMachineSpec) {
    if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
      throw new Error(
        `aws-local-stepfunctions needs Promise.withResolvers (Node 22 or later); this is Node ${process.versions.node}`,
      );
    }
    this.spec = spec;
    this.prepared = prepareDefinition(spec.definition, spec.name);
    this.#machine = new StateMachine(
      this.prepared.engineDefinition as unknown as StateMachineDefinition,
      {
        validationOptions: { checkArn: false },
      },
    );
  }

  /** Starts one execution. */
  run(
    input: unknown,
    handlers: Record<string, TaskHandler>,
    context: Record<string, unknown>,
  ): EngineRun {
    const execution = this.#machine.run(input as Parameters<StateMachine['run']>[0], {
      overrides: {
        taskResourceLocalHandlers: handlers as NonNullable<
          RunOptions['overrides']
        >['taskResourceLocalHandlers'],
      },
      context,
    });
    return {
      result: execution.result,
      events: execution.eventLogs as AsyncGenerator<EngineEvent>,
      abort: execution.abort,
    };
  }
}
