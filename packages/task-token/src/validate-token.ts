import { InvalidTaskTokenError, type InvalidTaskTokenReason } from './errors.js';
import { TASK_TOKEN_MAX_LENGTH } from './limits.js';

/**
 * What makes `token` unusable as a task token, or `undefined` when it is a string of 1 to
 * 2048 characters. The problem is the end of a sentence whose subject the caller names
 * ("The task token", or the message field it came from), and never holds the token.
 * Internal: {@link assertTaskToken} and the message parsers share it.
 */
export function taskTokenProblem(
  token: unknown,
): readonly [problem: string, reason: InvalidTaskTokenReason] | undefined {
  // One instruction for every case: the value must be the one the state machine sent.
  const fix = '. Pass the "$$.Task.Token" the state machine sent, unchanged.';
  if (typeof token !== 'string') {
    return [
      `must be a string, got ${token === null ? 'null' : typeof token}${fix}`,
      'not-a-string',
    ];
  }
  if (!token) return [`is empty${fix}`, 'empty'];
  if (token.length > TASK_TOKEN_MAX_LENGTH) {
    return [
      `has ${token.length} characters, over the limit of ${TASK_TOKEN_MAX_LENGTH}${fix}`,
      'too-long',
    ];
  }
}

/**
 * Checks that a value can be a task token (a string of 1 to 2048 characters) before any
 * call is made, and narrows its type.
 *
 * @throws {@link InvalidTaskTokenError} saying what was wrong; the message never holds
 * the token itself.
 */
export function assertTaskToken(token: unknown): asserts token is string {
  const problem = taskTokenProblem(token);
  if (problem) throw new InvalidTaskTokenError(`The task token ${problem[0]}`, problem[1]);
}
