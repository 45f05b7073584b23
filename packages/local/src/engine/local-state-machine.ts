import { InvalidDefinitionError, parseTaskResource, StateMachine } from '@sfn-callback/asl';
import type { StateMachineSpec } from '../assembly/model.js';
import { AssemblyError, UnsupportedFeatureError } from '../errors.js';
import { isEmulated } from './emulated-resources.js';

/** A state machine of the app, checked once and ready to run. */
export interface LocalStateMachine {
  readonly spec: StateMachineSpec;
  readonly machine: StateMachine;
}

type States = Record<string, Record<string, unknown>>;

/**
 * Checks a state machine of the app as CreateStateMachine would (AWS's diagnostics), and
 * that every Task's resource is one local emulates — before any execution runs, so that a
 * run never stops half-way at a service it cannot reach.
 *
 * @throws AssemblyError for a definition AWS would refuse, UnsupportedFeatureError naming
 *   the state and resource local does not emulate.
 */
export function compileStateMachine(spec: StateMachineSpec): LocalStateMachine {
  let machine: StateMachine;
  try {
    machine = StateMachine.fromDefinition(spec.definition);
  } catch (error) {
    if (error instanceof InvalidDefinitionError) {
      throw new AssemblyError(`state machine ${spec.name}: ${error.message}`);
    }
    throw error;
  }
  visit(spec, machine.definition.States as unknown as States);
  return { spec, machine };
}

function visit(spec: StateMachineSpec, states: States): void {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') {
      const resource = parseTaskResource(String(state.Resource));
      if (!resource || !isEmulated(resource)) {
        throw new UnsupportedFeatureError(
          `state machine ${spec.name}: state "${name}" uses ${String(state.Resource)}, which local does not emulate (it emulates SQS sendMessage, SNS publish and Lambda invoke, with .waitForTaskToken)`,
        );
      }
    }
    for (const branch of (state.Branches as { States: States }[] | undefined) ?? []) {
      visit(spec, branch.States);
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as { States: States } | undefined;
    if (processor) visit(spec, processor.States);
  }
}
