import { TASK_FAILURE_CAUSE_MAX_LENGTH, TASK_FAILURE_ERROR_MAX_LENGTH } from './limits.js';

/** The `error` and `cause` of a SendTaskFailure call. */
export interface TaskFailure {
  /** The error name the workflow's Catch and Retry match on (at most 256 characters). */
  readonly error: string;
  /** Details for people (at most 32,768 characters). */
  readonly cause: string;
}

/** Options of {@link toTaskFailure}. */
export interface ToTaskFailureOptions {
  /**
   * Put the stack trace of an `Error` in the cause instead of its message. A stack shows
   * file paths and code structure to whoever reads the execution history.
   * @default false
   */
  readonly includeStack?: boolean;
}

const DEFAULT_ERROR_NAME = 'Error';

/**
 * Cuts `text` to at most `maxLength` UTF-16 code units, ending with a visible marker
 * (`…[truncated from N chars]`) when it had to cut, and never splits a surrogate pair.
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const marker = `…[truncated from ${text.length} chars]`;
  if (marker.length >= maxLength) return keepWholeCodePoints(text, maxLength);
  return keepWholeCodePoints(text, maxLength - marker.length) + marker;
}

function keepWholeCodePoints(text: string, length: number): string {
  // A high surrogate left last would be half a character: drop it.
  return text.slice(0, length).replace(/[\uD800-\uDBFF]$/, '');
}

/**
 * Turns any thrown value into the `error` and `cause` of SendTaskFailure, within the API's
 * limits (`error` ≤ 256, `cause` ≤ 32,768 characters, cut with a visible marker).
 *
 * - an `Error`: its `name` and `message` (its stack with `includeStack`);
 * - an object with string `error` and/or `cause` fields: those;
 * - a string: `Error` and the string;
 * - anything else (`undefined`, a number, an object): `Error` and a description of it.
 *
 * @example
 * ```ts
 * toTaskFailure(new RangeError('quantity must be positive'));
 * // { error: 'RangeError', cause: 'quantity must be positive' }
 * ```
 */
export function toTaskFailure(value: unknown, options: ToTaskFailureOptions = {}): TaskFailure {
  const { error, cause } = describe(value, options.includeStack);
  return {
    // An empty or absent name still needs one for the workflow's Catch to match.
    error: truncateText(error || DEFAULT_ERROR_NAME, TASK_FAILURE_ERROR_MAX_LENGTH),
    cause: truncateText(cause, TASK_FAILURE_CAUSE_MAX_LENGTH),
  };
}

function describe(value: unknown, includeStack?: boolean): { error?: string; cause: string } {
  if (value instanceof Error) {
    return { error: value.name, cause: (includeStack && value.stack) || value.message };
  }
  if (typeof value === 'string') return { cause: value };
  if (isTaskFailureLike(value)) return { error: value.error, cause: value.cause ?? '' };
  return { cause: `A non-Error value was thrown: ${describeValue(value)}` };
}

function isTaskFailureLike(value: unknown): value is { error?: string; cause?: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { error, cause } = value as Record<string, unknown>;
  return (
    (error !== undefined || cause !== undefined) &&
    isOptionalString(error) &&
    isOptionalString(cause)
  );
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function describeValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  try {
    // `undefined`, a function and a symbol have no JSON: String names them.
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
