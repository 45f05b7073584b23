import { InvalidTaskTokenError } from './errors.js';
import { TASK_TOKEN_MAX_LENGTH } from './limits.js';

/**
 * Checks that a value can be a task token (a string of 1 to 2048 characters) before any
 * call is made, and narrows its type.
 *
 * @throws {@link InvalidTaskTokenError} saying what was wrong; the message never holds
 * the token itself.
 */
export function assertTaskToken(token: unknown): asserts token is string {
  if (typeof token !== 'string') {
    throw new InvalidTaskTokenError(
      `The task token must be a string, got ${token === null ? 'null' : typeof token}. ` +
        'Pass the value of "$$.Task.Token" that the state machine sent.',
      'not-a-string',
    );
  }
  if (token.length === 0) {
    throw new InvalidTaskTokenError(
      'The task token is empty. Pass the value of "$$.Task.Token" that the state machine sent.',
      'empty',
    );
  }
  if (token.length > TASK_TOKEN_MAX_LENGTH) {
    throw new InvalidTaskTokenError(
      `The task token has ${token.length} characters; Step Functions tokens have at most ` +
        `${TASK_TOKEN_MAX_LENGTH}. The value is not a task token, or it was altered on the way.`,
      'too-long',
    );
  }
}
