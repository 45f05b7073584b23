import { InvalidDefinitionError, parseTaskResource, StateMachine } from '@sfn-callback/asl';
import type { StateMachineSpec } from '../assembly/app-model.js';
import { AssemblyError, UnsupportedFeatureError } from '../errors.js';
import { EMULATED_SERVICES, isEmulated } from './emulated-resources.js';
import { taskStates } from './task-states.js';

/** A state machine of the app, checked once and ready to run. */
export interface LocalStateMachine {
  readonly spec: StateMachineSpec;
  readonly machine: StateMachine;
}

/**
 * Which states a mock may answer: `isMocked(stateName)` true when a test case of the mock
 * configuration file mocks it. `testCase` names the case in the message, when one is chosen.
 */
export interface MockCoverage {
  readonly isMocked: (stateName: string) => boolean;
  readonly testCase?: string;
}

/** The two ways forward for a Task local neither emulates nor mocks. */
function waysForward(stateMachineName: string, stateName: string): string {
  return `Either mock it (map "${stateName}" to a mocked response in a test case of StateMachines.${stateMachineName} in the mock config file given with --mock-config or SFN_MOCK_CONFIG, then StartExecution with "<stateMachineArn>#<TestCase>"), or use a service local emulates: ${EMULATED_SERVICES}.`;
}

/**
 * Every Task state neither emulated nor mocked, each worded with both ways forward (empty
 * when every Task can run).
 */
export function unrunnableTasks(
  spec: Pick<StateMachineSpec, 'name' | 'definition'>,
  coverage: MockCoverage = { isMocked: () => false },
): string[] {
  const found: string[] = [];
  for (const { stateName, resource } of taskStates(spec.definition as { States: unknown })) {
    const parsed = parseTaskResource(resource);
    if (parsed && isEmulated(parsed)) continue;
    if (coverage.isMocked(stateName)) continue;
    const mocked =
      coverage.testCase !== undefined
        ? `test case "${coverage.testCase}" does not mock it`
        : 'no test case of the mock config mocks it';
    found.push(
      `state machine ${spec.name}: state "${stateName}" uses ${resource}, which local does not emulate, and ${mocked}. ${waysForward(spec.name, stateName)}`,
    );
  }
  return found;
}

/**
 * The first Task state neither emulated nor mocked, worded with both ways forward; or
 * undefined when every Task can run.
 */
export function unrunnableTask(
  spec: Pick<StateMachineSpec, 'name' | 'definition'>,
  coverage: MockCoverage = { isMocked: () => false },
): string | undefined {
  return unrunnableTasks(spec, coverage)[0];
}

/**
 * The cause an execution fails with when it reaches a Task local neither emulates nor
 * mocks (`serve` starts an app with such Tasks, warning; see LocalRunner's `onUnrunnableTask`).
 */
export function unrunnableStateCause(
  stateMachineName: string,
  stateName: string,
  resource: string,
): string {
  return `state "${stateName}" of state machine ${stateMachineName} uses ${resource}, which local neither emulates nor mocks here. ${waysForward(stateMachineName, stateName)}`;
}

/**
 * Checks a state machine of the app as CreateStateMachine would (AWS's diagnostics), and
 * that every Task's resource is one local emulates or a test case mocks — before any
 * execution runs, so that a run never stops half-way at a service it cannot reach.
 *
 * @throws AssemblyError for a definition AWS would refuse, UnsupportedFeatureError naming
 *   the state and resource local neither emulates nor mocks.
 */
export function compileStateMachine(
  spec: StateMachineSpec,
  coverage?: MockCoverage,
): LocalStateMachine {
  let machine: StateMachine;
  try {
    machine = StateMachine.fromDefinition(spec.definition);
  } catch (error) {
    if (error instanceof InvalidDefinitionError) {
      throw new AssemblyError(`state machine ${spec.name}: ${error.message}`);
    }
    throw error;
  }
  const refusal = unrunnableTask(spec, coverage);
  if (refusal) throw new UnsupportedFeatureError(refusal);
  return { spec, machine };
}
