import { MAX_TIMER_SECONDS } from '../constants.js';
import { UnsupportedFeatureError } from '../errors.js';
import { parseTaskResource, type TaskResource } from './task-resource.js';

/** A Task state of the definition, as the runner drives it. */
export interface TaskStateInfo {
  readonly name: string;
  readonly resourceArn: string;
  readonly resource: TaskResource;
  /** The state's `TimeoutSeconds`, when set (before any clamping). */
  readonly timeoutSeconds?: number;
  /** The state's `HeartbeatSeconds`, when set. */
  readonly heartbeatSeconds?: number;
}

/** A definition made ready for aws-local-stepfunctions, and what the runner learnt from it. */
export interface PreparedDefinition {
  /** The definition handed to the engine (a copy: timeouts made explicit and clamped). */
  readonly engineDefinition: Record<string, unknown>;
  /** Every Task state, by name (ASL state names are unique across the whole machine). */
  readonly tasks: ReadonlyMap<string, TaskStateInfo>;
}

type States = Record<string, Record<string, unknown>>;

/**
 * Checks a state machine definition for what the local engine would get silently wrong,
 * and returns the copy the engine runs:
 *
 * - JSONata (`QueryLanguage: "JSONata"`, anywhere) is refused: aws-local-stepfunctions 3.0.0
 *   ignores it and would run the expressions as literal strings.
 * - `TimeoutSecondsPath` / `HeartbeatSecondsPath` are refused (the runner enforces timeouts
 *   from the definition's numbers).
 * - Every Task gets an explicit `TimeoutSeconds`: the engine otherwise times Tasks out after
 *   60 s, where AWS waits up to the execution's limit. Timeouts are clamped below Node's
 *   `setTimeout` overflow ({@link MAX_TIMER_SECONDS}), as is the machine's `TimeoutSeconds`.
 * - Every Task's resource must be one the runner emulates.
 * - `$$.State.Name` in a state's `Parameters` becomes the state's name: aws-local-stepfunctions
 *   3.0.0 does not fill `State` in the context object (the callback envelope names its state).
 *
 * @throws UnsupportedFeatureError naming the state and the feature.
 */
export function prepareDefinition(
  definition: Record<string, unknown>,
  machineName: string,
): PreparedDefinition {
  const engineDefinition = structuredClone(definition);
  const tasks = new Map<string, TaskStateInfo>();
  const refuse = (what: string) =>
    new UnsupportedFeatureError(`state machine ${machineName}: ${what} is not supported locally`);

  if (engineDefinition.QueryLanguage === 'JSONata') {
    throw refuse(
      'JSONata (QueryLanguage "JSONata")' +
        ' — aws-local-stepfunctions ignores it and would run the {% … %} expressions as literal strings',
    );
  }
  if (typeof engineDefinition.TimeoutSeconds === 'number') {
    engineDefinition.TimeoutSeconds = Math.min(engineDefinition.TimeoutSeconds, MAX_TIMER_SECONDS);
  }

  const visit = (states: States | undefined) => {
    for (const [name, state] of Object.entries(states ?? {})) {
      if (state.QueryLanguage === 'JSONata') {
        throw refuse(
          `JSONata (QueryLanguage "JSONata" in state "${name}")` +
            ' — aws-local-stepfunctions ignores it and would run the {% … %} expressions as literal strings',
        );
      }
      if (state.Type === 'Parallel') {
        for (const branch of (state.Branches as { States: States }[] | undefined) ?? [])
          visit(branch.States);
      }
      if (state.Type === 'Map') {
        const processor = (state.ItemProcessor ?? state.Iterator) as { States: States } | undefined;
        const mode = (state.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined)
          ?.ProcessorConfig?.Mode;
        if (mode === 'DISTRIBUTED') throw refuse(`a distributed Map ("${name}")`);
        visit(processor?.States);
      }
      if (state.Parameters !== undefined) {
        state.Parameters = withStateName(state.Parameters, name);
      }
      if (state.Type !== 'Task') continue;
      if (state.TimeoutSecondsPath !== undefined)
        throw refuse(`TimeoutSecondsPath (state "${name}")`);
      if (state.HeartbeatSecondsPath !== undefined)
        throw refuse(`HeartbeatSecondsPath (state "${name}")`);
      const resourceArn = String(state.Resource);
      const resource = parseTaskResource(resourceArn);
      if (!resource) throw refuse(`the Task resource ${resourceArn} (state "${name}")`);
      const timeoutSeconds =
        typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined;
      const heartbeatSeconds =
        typeof state.HeartbeatSeconds === 'number' ? state.HeartbeatSeconds : undefined;
      state.TimeoutSeconds = Math.min(timeoutSeconds ?? MAX_TIMER_SECONDS, MAX_TIMER_SECONDS);
      // The engine's schema may not know HeartbeatSeconds; the runner enforces it itself.
      delete state.HeartbeatSeconds;
      tasks.set(name, {
        name,
        resourceArn,
        resource,
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
        ...(heartbeatSeconds !== undefined ? { heartbeatSeconds } : {}),
      });
    }
  };
  visit(engineDefinition.States as States);
  return { engineDefinition, tasks };
}

/** A payload template with every `"key.$": "$$.State.Name"` made `"key": <the state's name>`. */
function withStateName(template: unknown, stateName: string): unknown {
  if (Array.isArray(template)) return template.map((item) => withStateName(item, stateName));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && value === '$$.State.Name') out[key.slice(0, -2)] = stateName;
    else out[key] = withStateName(value, stateName);
  }
  return out;
}
