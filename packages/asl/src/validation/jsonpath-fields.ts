import { isJsonObject } from '../json.js';
import { reportWarning, schemaError, type ValidationContext } from './context.js';
import { isPathOrIntrinsic, isValidIntrinsic, isValidPath } from './path-syntax.js';

/** Fields holding one Path; `null` is allowed where the field means "discard"/"use {}". */
const PATH_FIELDS = [
  'InputPath',
  'OutputPath',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
];

/** Fields whose Path may be null (the spec gives null a meaning for these only). */
const NULLABLE = new Set(['InputPath', 'OutputPath', 'ResultPath']);

/** Payload templates: their `.$` keys are evaluated. `Result` is not one (it is static). */
const TEMPLATE_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector', 'Credentials'];

/** Checks the Path-valued fields and payload templates of one JSONPath state. */
export function checkJsonPathFields(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  location: string,
): void {
  for (const field of PATH_FIELDS) {
    if (field in state) checkPath(ctx, field, state[field], `${location}/${field}`);
  }
  for (const field of ['ErrorPath', 'CausePath']) {
    const value = state[field];
    // Fail's ErrorPath/CausePath accept intrinsics too (ASL-FACTS §6).
    if (field in state && !(typeof value === 'string' && isPathOrIntrinsic(value))) {
      schemaError(
        ctx,
        `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`,
        `${location}/${field}`,
      );
    }
  }
  if ('ResultPath' in state) checkResultPath(ctx, state.ResultPath, `${location}/ResultPath`);
  for (const field of TEMPLATE_FIELDS) {
    if (field in state) checkTemplate(ctx, state[field], `${location}/${field}`);
  }
  if (state.Type === 'Pass' && 'Result' in state) checkStaticResult(ctx, state.Result, location);
}

function checkPath(ctx: ValidationContext, field: string, value: unknown, location: string): void {
  if (value === null && NULLABLE.has(field)) return;
  if (typeof value !== 'string' || !isValidPath(value)) {
    schemaError(ctx, `The value for the field '${field}' must be a valid JSONPath`, location);
  }
}

/**
 * ResultPath is a Reference Path: it writes into the state's input, so it can name neither
 * the Context object (`$$`) nor a variable (`$name`), and has no wildcards or filters.
 */
export function checkResultPath(ctx: ValidationContext, value: unknown, location: string): void {
  if (value === null) return;
  if (typeof value !== 'string' || !isValidPath(value)) {
    schemaError(ctx, "The value for the field 'ResultPath' must be a valid JSONPath", location);
  } else if (value.startsWith('$$')) {
    schemaError(
      ctx,
      "The value for the field 'ResultPath' cannot reference the Context object ('$$'): use a path into the state input such as '$.result'",
      location,
    );
  } else if (value.length > 1 && value[1] !== '.' && value[1] !== '[') {
    schemaError(
      ctx,
      `The value for the field 'ResultPath' cannot reference a variable ('${value}'): use Assign to set variables`,
      location,
    );
  } else if (/\*|\.\.|\[\?|\[[^\]]*:/.test(value)) {
    schemaError(
      ctx,
      "The value for the field 'ResultPath' must be a Reference Path: no wildcards, filters, slices or '..'",
      location,
    );
  }
}

/** Whether a plain string looks like something meant to be evaluated. */
export function looksEvaluated(value: string): boolean {
  return /^\$(\$|\.|\[)/.test(value) || (value.startsWith('States.') && isValidIntrinsic(value));
}

/**
 * Checks a payload template (Parameters, ResultSelector, ItemSelector, a JSONPath Assign):
 * every `.$` key holds a Path or an intrinsic call. A plain key whose value looks like one
 * gets a NO_DOLLAR warning (it is passed on as a literal string).
 */
export function checkTemplate(ctx: ValidationContext, value: unknown, location: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkTemplate(ctx, item, `${location}[${i}]`);
    });
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.endsWith('.$')) {
      if (typeof inner !== 'string' || !isPathOrIntrinsic(inner)) {
        // Recorded wording; the location is the object holding the key.
        schemaError(
          ctx,
          `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`,
          location,
        );
      }
    } else if (typeof inner === 'string') {
      if (looksEvaluated(inner)) {
        reportWarning(
          ctx,
          'NO_DOLLAR',
          `The value of the field '${key}' looks like a JSONPath or an intrinsic function, but the field name does not end with '.$', so it is passed on as a literal string: rename it '${key}.$' to evaluate it`,
          location,
        );
      }
    } else {
      checkTemplate(ctx, inner, `${location}/${key}`);
    }
  }
}

/** A Pass state's `Result` is never evaluated: a `.$` key or a path in it is a mistake. */
function checkStaticResult(ctx: ValidationContext, result: unknown, location: string): void {
  const stack: unknown[] = [result];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (isJsonObject(v)) {
      for (const [key, inner] of Object.entries(v)) {
        if (key.endsWith('.$') || (typeof inner === 'string' && looksEvaluated(inner))) {
          reportWarning(
            ctx,
            'PASS_RESULT_IS_STATIC',
            `The Result of a Pass state is static: the field '${key}' is not evaluated. Use Parameters to evaluate paths`,
            `${location}/Result`,
          );
          return;
        }
        stack.push(inner);
      }
    }
  }
}
