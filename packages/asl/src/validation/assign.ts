import { isJsonObject } from '../json.js';
import { type QueryLanguage, schemaError, type ValidationContext } from './context.js';
import { checkTemplate } from './jsonpath-fields.js';
import { variableNameProblem } from './variable-names.js';

/**
 * Checks an `Assign` object (of a state, a choice rule or a catcher): an object whose keys
 * name whole variables (a JSONPath `.$` suffix aside), and, in JSONPath, whose `.$` values
 * are Paths or intrinsic calls. JSONata expressions in it are checked with the other
 * JSONata fields.
 */
export function checkAssign(
  ctx: ValidationContext,
  assign: unknown,
  language: QueryLanguage,
  location: string,
): void {
  if (!isJsonObject(assign)) {
    schemaError(ctx, "'Assign' must be an object mapping variable names to values", location);
    return;
  }
  for (const key of Object.keys(assign)) {
    const name = language === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
    const problem = variableNameProblem(name);
    if (problem !== undefined) {
      schemaError(ctx, `Invalid variable name '${name}' in 'Assign': ${problem}`, location);
    }
  }
  if (language === 'JSONPath') checkTemplate(ctx, assign, location);
}
