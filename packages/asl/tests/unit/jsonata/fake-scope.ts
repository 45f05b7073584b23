import type { Json, JsonObject } from '../../../src/json.js';
import type { EvaluationScope } from '../../../src/scope.js';

/** A scope with the given variables and a predictable random source. */
export function fakeScope(
  variables: Record<string, Json> = {},
  context: JsonObject = {},
): EvaluationScope {
  let draws = 0;
  let uuids = 0;
  return {
    context,
    variables: { get: (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined) },
    random: {
      next: () => {
        draws += 1;
        return draws / 10;
      },
      uuid: () => {
        uuids += 1;
        return `00000000-0000-4000-8000-${String(uuids).padStart(12, '0')}`;
      },
    },
  };
}
