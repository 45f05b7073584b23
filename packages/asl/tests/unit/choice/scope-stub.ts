import type { Json, JsonObject } from '../../../src/json.js';
import type { EvaluationScope } from '../../../src/scope.js';

/** A scope for tests: the given context object and variables, fixed randomness. */
export function stubScope(
  context: JsonObject = {},
  variables: Record<string, Json> = {},
): EvaluationScope {
  return {
    context,
    variables: { get: (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined) },
    random: { next: () => 0.5, uuid: () => '00000000-0000-4000-8000-000000000000' },
  };
}
