import { InvalidTaskOutputError } from './errors.js';
import { TASK_OUTPUT_MAX_BYTES } from './limits.js';

/**
 * Serializes a task output to the JSON text SendTaskSuccess takes, and checks it against
 * the API's limit of 262,144 bytes of UTF-8 before any call.
 *
 * @returns the JSON text.
 * @throws {@link InvalidTaskOutputError} when the value does not serialize (a BigInt, a
 * cycle, `undefined`, a function or a symbol at the top level) or is too large.
 */
export function serializeTaskOutput(output: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(output);
  } catch (cause) {
    // JSON.stringify throws a TypeError for a BigInt anywhere and for a cycle.
    throw new InvalidTaskOutputError(
      `The task output cannot be serialized to JSON: ${(cause as Error).message}. ` +
        'Return plain data: convert BigInt values to strings and remove circular references.',
      'not-serializable',
      undefined,
      { cause },
    );
  }
  if (json === undefined) {
    throw new InvalidTaskOutputError(
      `The task output is ${typeof output === 'undefined' ? 'undefined' : `a ${typeof output}`}, ` +
        'which has no JSON form. Return a JSON value, e.g. an object or null.',
      'not-serializable',
    );
  }
  // A UTF-16 code unit is at most 3 bytes of UTF-8: a short string needs no counting.
  if (json.length * 3 <= TASK_OUTPUT_MAX_BYTES) return json;
  const byteLength = Buffer.byteLength(json, 'utf8');
  if (byteLength > TASK_OUTPUT_MAX_BYTES) {
    throw new InvalidTaskOutputError(
      `The task output is ${byteLength} bytes of UTF-8 as JSON; Step Functions accepts at most ` +
        `${TASK_OUTPUT_MAX_BYTES}. Store large results elsewhere (e.g. S3) and return a reference.`,
      'too-large',
      byteLength,
    );
  }
  return json;
}
