import { evaluateIntrinsic } from '../../../src/intrinsics/evaluate-intrinsic.js';
import { isJsonObject, type Json } from '../../../src/json.js';
import type { RandomSource } from '../../../src/scope.js';
import { StatesError } from '../../../src/states-error.js';

/** A fixed random source: `next()` always returns `value`. */
export function fixedRandom(value = 0.5): RandomSource {
  return { next: () => value, uuid: () => '6f7c5b2e-2d4a-4c1e-9b3a-0e8f1d2c3b4a' };
}

/** Resolves `$`, `$.a.b` and `$var` names over `input` and `variables`, for the tests only. */
export function evaluate(
  expression: string,
  input: Json = {},
  variables: Record<string, Json> = {},
  random: RandomSource = fixedRandom(),
): Json {
  return evaluateIntrinsic(
    expression,
    (path) => {
      const [head = '', ...names] = path.split('.');
      let value: Json | undefined = head === '$' ? input : variables[head.slice(1)];
      for (const name of names) value = isJsonObject(value) ? value[name] : undefined;
      if (value === undefined) throw new Error(`no value at ${path}`);
      return value;
    },
    random,
  );
}

/** The StatesError that evaluating `expression` throws. */
export function failure(expression: string, input: Json = {}): StatesError {
  try {
    evaluate(expression, input);
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error(`${expression} did not fail`);
}
