import { describe, expect, it } from 'vitest';
import { assertTaskToken, InvalidTaskTokenError, TASK_TOKEN_MAX_LENGTH } from '../../src/index.js';

describe('assertTaskToken', () => {
  it('accepts tokens of 1 and of 2048 characters', () => {
    expect(() => assertTaskToken('a')).not.toThrow();
    expect(() => assertTaskToken('a'.repeat(TASK_TOKEN_MAX_LENGTH))).not.toThrow();
  });

  it.each([
    [undefined, 'not-a-string', /got undefined/],
    [null, 'not-a-string', /got null/],
    [42, 'not-a-string', /got number/],
    [{ token: 'x' }, 'not-a-string', /got object/],
    ['', 'empty', /empty/],
  ])('refuses %j with reason %s', (value, reason, message) => {
    const error = captureError(() => assertTaskToken(value));
    expect(error).toBeInstanceOf(InvalidTaskTokenError);
    expect(error).toMatchObject({ reason, code: 'InvalidTaskToken', retryable: false });
    expect((error as Error).message).toMatch(message);
    // Every refusal says what to pass instead.
    expect((error as Error).message).toContain('Pass the "$$.Task.Token" the state machine sent');
  });

  it('refuses a token over 2048 characters without repeating it in the message', () => {
    const token = `SECRET${'x'.repeat(TASK_TOKEN_MAX_LENGTH)}`;
    const error = captureError(() => assertTaskToken(token));
    expect(error).toMatchObject({ reason: 'too-long' });
    expect((error as Error).message).toContain(`${token.length} characters`);
    expect((error as Error).message).toContain(`limit of ${TASK_TOKEN_MAX_LENGTH}`);
    expect((error as Error).message).not.toContain('SECRET');
  });
});

function captureError(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
