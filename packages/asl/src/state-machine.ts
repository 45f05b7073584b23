import type { StateMachineDefinition } from './definition.js';
import { RunningExecution } from './execution/running-execution.js';
import type { Execution } from './execution.js';
import type { ExecutionOptions } from './execution-options.js';
import type { RecordedHistoryEvent } from './history/recorded-event.js';
import { planRedrive } from './redrive/plan-redrive.js';
import { systemClock } from './time/system-clock.js';
import { assertValidDefinition } from './validation/invalid-definition-error.js';

/**
 * A state machine definition, checked once, ready to run any number of executions.
 *
 * @example
 * ```ts
 * const machine = StateMachine.fromDefinition({
 *   StartAt: 'Hello',
 *   States: { Hello: { Type: 'Pass', Result: 'world', End: true } },
 * });
 * const execution = machine.start({ identity, input: {}, tasks: async () => null });
 * const { status, output } = await execution.result; // 'SUCCEEDED', 'world'
 * ```
 */
export class StateMachine {
  readonly definition: StateMachineDefinition;

  private constructor(definition: StateMachineDefinition) {
    this.definition = definition;
  }

  /**
   * Checks a definition (JSON text or parsed) as CreateStateMachine does.
   *
   * @throws InvalidDefinitionError with AWS's diagnostics when AWS would refuse it.
   */
  static fromDefinition(definition: string | object): StateMachine {
    const parsed = typeof definition === 'string' ? parseDefinition(definition) : definition;
    assertValidDefinition(parsed);
    return new StateMachine(parsed as StateMachineDefinition);
  }

  /**
   * Starts an execution; its history and result are on the returned handle.
   *
   * The execution never holds the event loop for long: it yields to the macrotask queue
   * (`setImmediate`) every 64 transitions (a state entered, a Map iteration started), so
   * the caller's timers, I/O and `stop()` get through even while it loops without waiting.
   * Its history holds at most `MAX_HISTORY_EVENTS` (25,000) events, as on AWS: an
   * execution that would go past fails there with `States.Runtime`.
   */
  start(options: ExecutionOptions): Execution {
    return new RunningExecution(this.definition, options);
  }

  /**
   * RedriveExecution: continues an execution of this definition that ended FAILED, TIMED_OUT
   * or ABORTED, as AWS does. Its history goes on after `ExecutionRedriven` (`redriveCount`
   * one more than before); the top-level state that never exited runs again with the input
   * it had, the top-level variables as the exited states assigned them, and the iterations
   * of an inline Map that succeeded keep their outputs and are not run again.
   * `$$.Execution.RedriveCount` is the new count. `options.input` is the execution's input.
   *
   * @throws ExecutionNotRedrivableError when AWS would refuse (the execution did not end
   *   FAILED, TIMED_OUT or ABORTED; it reached the history limit; it ended more than 14 days
   *   before the clock's now). Hosts check the rest (Standard only, the execution exists).
   */
  redrive(
    options: ExecutionOptions & { readonly history: readonly RecordedHistoryEvent[] },
  ): Execution {
    const now = (options.clock ?? systemClock).now();
    const plan = planRedrive(this.definition, options.history, options.input, now);
    return new RunningExecution(this.definition, options, { redrive: plan });
  }
}

function parseDefinition(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The validator words the refusal (INVALID_JSON_DESCRIPTION).
    return text;
  }
}
