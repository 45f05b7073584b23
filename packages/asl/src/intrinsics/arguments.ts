import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { fieldError, type StatesError, StatesErrors } from '../states-error.js';
import type { IntrinsicName } from './function-names.js';

/**
 * The failure AWS reports for any bad argument (wrong count, type or range): error
 * States.Runtime, cause "Invalid arguments in States.X", which the core prefixes with the
 * state's name and entered event id.
 */
export function invalidArguments(name: IntrinsicName): StatesError {
  return fieldError(StatesErrors.Runtime, `Invalid arguments in ${name}`);
}

/** Checks the argument count: exactly `min`, or between `min` and `max`. */
export function expectArity(
  name: IntrinsicName,
  args: readonly Json[],
  min: number,
  max = min,
): void {
  if (args.length < min || args.length > max) throw invalidArguments(name);
}

/** The argument as a string. */
export function stringArg(name: IntrinsicName, value: Json | undefined): string {
  if (typeof value !== 'string') throw invalidArguments(name);
  return value;
}

/** The argument as a number. */
export function numberArg(name: IntrinsicName, value: Json | undefined): number {
  if (typeof value !== 'number') throw invalidArguments(name);
  return value;
}

/** The argument as an array. */
export function arrayArg(name: IntrinsicName, value: Json | undefined): Json[] {
  if (!Array.isArray(value)) throw invalidArguments(name);
  return value;
}

/** The argument as a JSON object. */
export function objectArg(name: IntrinsicName, value: Json | undefined): JsonObject {
  if (value === undefined || !isJsonObject(value)) throw invalidArguments(name);
  return value;
}

/** A string argument of at most 10,000 characters (Base64 and Hash inputs). */
export function limitedStringArg(name: IntrinsicName, value: Json | undefined): string {
  const text = stringArg(name, value);
  if (text.length > 10_000) throw invalidArguments(name);
  return text;
}

/**
 * Java's `(int)` cast: AWS truncates non-integer counts, indexes and bounds toward zero
 * (ArrayPartition, ArrayRange, ArrayGetItem, MathRandom), unlike MathAdd.
 */
export function truncateToInt(value: number): number {
  return Math.trunc(value) + 0;
}

/**
 * Java's `Math.round`: halves round up (-1.5 → -1, 2.5 → 3), as AWS recorded for MathAdd
 * (intrinsic_functions/test_math_add#exec_hist_resp_10, _14, _17, _20). `+ 0` turns -0 into 0.
 */
export function roundHalfUp(value: number): number {
  return Math.round(value) + 0;
}
