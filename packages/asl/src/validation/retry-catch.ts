import { isJsonObject } from '../json.js';
import { type QueryLanguage, schemaError, type ValidationContext } from './context.js';
import { checkIntegerField, MAX_SECONDS } from './limits.js';
import { languageMismatch } from './state-fields.js';

const RETRIER_FIELDS = new Set([
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Comment',
]);
const CATCHER_FIELDS = new Set([
  'ErrorEquals',
  'Next',
  'ResultPath',
  'Output',
  'Assign',
  'Comment',
]);

/** MaxDelaySeconds must be below 31622401 (ASL-FACTS §5). */
const MAX_DELAY_SECONDS = 31622400;

/**
 * Checks `ErrorEquals` across a Retry or Catch list: each non-empty and made of strings,
 * and `States.ALL` alone in its list and in the last entry.
 */
function checkErrorEquals(
  ctx: ValidationContext,
  entry: Record<string, unknown>,
  isLast: boolean,
  kind: 'retrier' | 'catcher',
  location: string,
): void {
  const errors = entry.ErrorEquals;
  if (!('ErrorEquals' in entry)) {
    schemaError(ctx, 'These fields are required: [ErrorEquals]', location);
    return;
  }
  if (!Array.isArray(errors) || errors.length === 0) {
    schemaError(ctx, 'Value cannot be empty', `${location}/ErrorEquals`);
    return;
  }
  if (errors.some((e) => typeof e !== 'string')) {
    schemaError(
      ctx,
      "Every 'ErrorEquals' entry must be an error name (a string)",
      `${location}/ErrorEquals`,
    );
  }
  if (errors.includes('States.ALL')) {
    if (errors.length > 1) {
      schemaError(
        ctx,
        "'States.ALL' must appear alone in 'ErrorEquals': move the other error names to an earlier entry",
        `${location}/ErrorEquals`,
      );
    }
    if (!isLast) {
      schemaError(
        ctx,
        `A ${kind} with 'States.ALL' must be the last one: it matches every error, so the ones after it never run`,
        `${location}/ErrorEquals`,
      );
    }
  }
}

/** Checks a state's Retry list: field set, ErrorEquals and each numeric field's range. */
export function checkRetry(ctx: ValidationContext, retry: unknown, location: string): void {
  if (!Array.isArray(retry)) {
    schemaError(ctx, "'Retry' must be an array of retriers", location);
    return;
  }
  retry.forEach((entry, i) => {
    const at = `${location}[${i}]`;
    if (!isJsonObject(entry)) {
      schemaError(ctx, 'A retrier must be an object', at);
      return;
    }
    for (const field of Object.keys(entry)) {
      if (!RETRIER_FIELDS.has(field)) schemaError(ctx, `Field '${field}' is not supported`, at);
    }
    checkErrorEquals(ctx, entry, i === retry.length - 1, 'retrier', at);
    checkIntegerField(ctx, entry, 'IntervalSeconds', 1, MAX_SECONDS, at);
    checkIntegerField(ctx, entry, 'MaxAttempts', 0, MAX_SECONDS, at);
    checkIntegerField(ctx, entry, 'MaxDelaySeconds', 1, MAX_DELAY_SECONDS, at);
    if ('BackoffRate' in entry) {
      const rate = entry.BackoffRate;
      if (typeof rate !== 'number' || rate < 1) {
        schemaError(ctx, "The value of 'BackoffRate' must be a number ≥ 1.0", `${at}/BackoffRate`);
      }
    }
    if (
      'JitterStrategy' in entry &&
      entry.JitterStrategy !== 'FULL' &&
      entry.JitterStrategy !== 'NONE'
    ) {
      schemaError(
        ctx,
        "The value of 'JitterStrategy' must be 'FULL' or 'NONE'",
        `${at}/JitterStrategy`,
      );
    }
  });
}

/**
 * Checks a state's Catch list: field set (ResultPath only in JSONPath, Output only in
 * JSONata), ErrorEquals and the required Next (its target is checked with the graph).
 * Returns the catchers that are objects, for the callers' ResultPath/Assign/Output rules.
 */
export function checkCatch(
  ctx: ValidationContext,
  catchers: unknown,
  language: QueryLanguage,
  location: string,
): Record<string, unknown>[] {
  if (!Array.isArray(catchers)) {
    schemaError(ctx, "'Catch' must be an array of catchers", location);
    return [];
  }
  const out: Record<string, unknown>[] = [];
  catchers.forEach((entry, i) => {
    const at = `${location}[${i}]`;
    if (!isJsonObject(entry)) {
      schemaError(ctx, 'A catcher must be an object', at);
      return;
    }
    out.push(entry);
    for (const field of Object.keys(entry)) {
      if (!CATCHER_FIELDS.has(field)) schemaError(ctx, `Field '${field}' is not supported`, at);
      else if (field === 'ResultPath' && language === 'JSONata') {
        schemaError(ctx, languageMismatch('JSONata', field, 'JSONPath'), at);
      } else if (field === 'Output' && language === 'JSONPath') {
        schemaError(ctx, languageMismatch('JSONPath', field, 'JSONata'), at);
      }
    }
    checkErrorEquals(ctx, entry, i === catchers.length - 1, 'catcher', at);
    if (!('Next' in entry)) schemaError(ctx, 'These fields are required: [Next]', at);
  });
  return out;
}
