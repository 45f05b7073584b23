import type { QueryLanguage, StateDefinition } from '../definition.js';
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { setOwn } from '../jsonpath/set-own.js';
import { InvalidDefinitionError } from '../validation/invalid-definition-error.js';
import { validateDefinition } from '../validation/validate-definition.js';
import { walkStates } from '../walk-states.js';
import { TestStateRequestError, validationError } from './test-state-error.js';

/** The name AWS gives a state tested on its own (recorded: `/States/StateName/Branches`). */
export const LONE_STATE_NAME = 'StateName';

/** The state a TestState request tests, found in (or wrapped as) a state machine. */
export interface LocatedState {
  readonly name: string;
  readonly state: StateDefinition;
  /** The query language of the machine around it (the state's own `QueryLanguage` overrides it). */
  readonly queryLanguage: QueryLanguage;
  /** Whether the state runs inside a Map iteration (`$$.Map.Item` is then item 0, the input). */
  readonly inMap: boolean;
}

/**
 * Parses and validates the definition as CreateStateMachine would (a lone state is wrapped
 * in a machine whose transition targets exist), then finds the state to test.
 *
 * @throws TestStateRequestError `InvalidDefinition` with AWS's diagnostics, or
 * `ValidationException` when `stateName` names no state.
 */
export function locateState(definition: string | object, stateName?: string): LocatedState {
  const parsed = parseDefinition(definition);
  if (stateName === undefined) {
    if (!isJsonObject(parsed)) throw invalid(validateDefinition(parsed));
    const machine = wrapLoneState(parsed);
    const diagnostics = validateDefinition(machine);
    if (diagnostics.length > 0) throw invalid(diagnostics);
    return {
      name: LONE_STATE_NAME,
      state: parsed as unknown as StateDefinition,
      queryLanguage: 'JSONPath',
      inMap: false,
    };
  }
  const diagnostics = validateDefinition(parsed);
  if (diagnostics.length > 0) throw invalid(diagnostics);
  const machine = parsed as JsonObject;
  const found = findState(machine, stateName);
  if (!found) throw validationError('State not found in definition');
  return {
    name: stateName,
    state: found.state as unknown as StateDefinition,
    queryLanguage: machine.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath',
    inMap: found.inMap,
  };
}

function parseDefinition(definition: string | object): unknown {
  if (typeof definition !== 'string') return definition;
  try {
    return JSON.parse(definition);
  } catch {
    // The validator words the refusal (INVALID_JSON_DESCRIPTION).
    return definition;
  }
}

function invalid(diagnostics: ReturnType<typeof validateDefinition>): TestStateRequestError {
  const error = new InvalidDefinitionError(diagnostics);
  return new TestStateRequestError('InvalidDefinition', error.message);
}

/**
 * `{ StartAt: 'StateName', States: { StateName: state } }`, with a Succeed state for each
 * state the tested one may go to, so that its `Next`, `Default` and catchers' targets exist.
 */
export function wrapLoneState(state: JsonObject): JsonObject {
  const states: JsonObject = { [LONE_STATE_NAME]: state };
  for (const target of transitionTargets(state)) {
    if (!Object.hasOwn(states, target)) setOwn(states, target, { Type: 'Succeed' });
  }
  return { StartAt: LONE_STATE_NAME, States: states };
}

function transitionTargets(state: JsonObject): string[] {
  const targets: string[] = [];
  const add = (value: Json | undefined) => {
    if (typeof value === 'string') targets.push(value);
  };
  add(state.Next);
  add(state.Default);
  for (const list of [state.Choices, state.Catch]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) if (isJsonObject(entry)) add(entry.Next);
  }
  return targets;
}

/** The state named `name`, anywhere in the machine, and whether it runs in a Map iteration. */
function findState(
  machine: JsonObject,
  name: string,
): { state: JsonObject; inMap: boolean } | undefined {
  let found: { state: JsonObject; inMap: boolean } | undefined;
  walkStates(machine, {
    state: (visit) => {
      if (found === undefined && visit.name === name) {
        found = { state: visit.state as JsonObject, inMap: visit.block.inMap };
      }
      return found === undefined;
    },
  });
  return found;
}

/** Every state name inside a Map's processor or a Parallel's branches (for `errorCausedByState`). */
export function nestedStateNames(state: JsonObject): Set<string> {
  const names = new Set<string>();
  walkStates(
    { States: { [LONE_STATE_NAME]: state } },
    {
      state: (visit) => {
        if (visit.block.depth > 0) names.add(visit.name);
        return true;
      },
    },
  );
  return names;
}
