import jsonata from 'jsonata';
import { isJsonObject } from '../json.js';
import { reportError, schemaError, type ValidationContext } from './context.js';

/** The top-level fields of a JSONata state that may hold `{% %}` expressions. */
const EXPRESSION_FIELDS = [
  'Arguments',
  'Output',
  'Assign',
  'Items',
  'ItemSelector',
  'Credentials',
  'Seconds',
  'Timestamp',
  'TimeoutSeconds',
  'HeartbeatSeconds',
  'MaxConcurrency',
  'ToleratedFailureCount',
  'ToleratedFailurePercentage',
  'Error',
  'Cause',
];

/** The `$states` members an expression may read, per kind of field (ASL-FACTS §1). */
interface Scope {
  readonly result: boolean;
  readonly errorOutput: boolean;
}

const STATES_MEMBER = /\$states\.(result|errorOutput)\b/g;

/**
 * Checks every JSONata expression of one JSONata state: each `{%` is closed by `%}` (and
 * nothing else ends in `%}`), each expression parses, and `$states.result` /
 * `$states.errorOutput` are read only where AWS provides them: `result` in the top-level
 * Output/Assign of Task, Map and Parallel, `errorOutput` in a catcher's Output/Assign.
 */
export function checkJsonataFields(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  location: string,
): void {
  const hasResult = state.Type === 'Task' || state.Type === 'Map' || state.Type === 'Parallel';
  for (const field of EXPRESSION_FIELDS) {
    if (!(field in state)) continue;
    const result = hasResult && (field === 'Output' || field === 'Assign');
    walk(ctx, state[field], field, `${location}/${field}`, { result, errorOutput: false });
  }
  const lists: [string, unknown, string[], Scope][] = [
    ['Choices', state.Choices, ['Condition', 'Output', 'Assign'], NONE],
    ['Catch', state.Catch, ['Output', 'Assign'], { result: false, errorOutput: true }],
  ];
  for (const [name, list, fields, scope] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      if (!isJsonObject(entry)) return;
      for (const field of fields) {
        if (field in entry) {
          walk(ctx, entry[field], field, `${location}/${name}[${i}]/${field}`, scope);
        }
      }
    });
  }
}

const NONE: Scope = { result: false, errorOutput: false };

function walk(
  ctx: ValidationContext,
  value: unknown,
  field: string,
  location: string,
  scope: Scope,
): void {
  if (typeof value === 'string') {
    checkString(ctx, value, field, location, scope);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      walk(ctx, v, field, `${location}[${i}]`, scope);
    });
  } else if (isJsonObject(value)) {
    for (const [key, v] of Object.entries(value)) walk(ctx, v, field, `${location}/${key}`, scope);
  }
}

function checkString(
  ctx: ValidationContext,
  text: string,
  field: string,
  location: string,
  scope: Scope,
): void {
  const opens = text.startsWith('{%');
  const closes = text.endsWith('%}') && text.length >= (opens ? 4 : 2);
  if (!opens && !closes) return;
  if (opens !== closes) {
    schemaError(
      ctx,
      `The JSONata expression '${text}' is not enclosed in '{%' and '%}': an expression starts with '{%' and ends with '%}', with no spaces outside them`,
      location,
    );
    return;
  }
  const expression = text.slice(2, -2);
  try {
    jsonata(expression);
  } catch (e) {
    // jsonata throws plain objects {code, message, position}, not Errors.
    const err = (typeof e === 'object' && e !== null ? e : {}) as {
      code?: unknown;
      message?: unknown;
    };
    const detail = typeof err.message === 'string' ? err.message : String(e);
    const code = typeof err.code === 'string' ? `${err.code}: ` : '';
    reportError(
      ctx,
      'INVALID_JSONATA_EXPRESSION',
      `The JSONata expression '${expression.trim()}' cannot be parsed: ${code}${detail}`,
      location,
    );
    return;
  }
  for (const m of expression.matchAll(STATES_MEMBER)) {
    const member = m[1] as 'result' | 'errorOutput';
    if (!scope[member]) {
      schemaError(
        ctx,
        member === 'result'
          ? `$states.result is not available in the field '${field}' here: it exists only in the Output and Assign of Task, Map and Parallel states`
          : `$states.errorOutput is not available in the field '${field}' here: it exists only in a catcher's Output and Assign`,
        location,
      );
      return;
    }
  }
}
