import { describe, expect, it } from 'vitest';
import {
  InvalidTaskOutputError,
  serializeTaskOutput,
  TASK_OUTPUT_MAX_BYTES,
} from '../../src/index.js';

describe('serializeTaskOutput', () => {
  it('serializes plain data, including null and strings', () => {
    expect(serializeTaskOutput({ approved: true, items: [1, 'a'] })).toBe(
      '{"approved":true,"items":[1,"a"]}',
    );
    expect(serializeTaskOutput(null)).toBe('null');
    expect(serializeTaskOutput('Callback task completed successfully.')).toBe(
      '"Callback task completed successfully."',
    );
  });

  it('refuses a BigInt anywhere, with advice', () => {
    expect(() => serializeTaskOutput({ total: 10n })).toThrowError(
      expect.objectContaining({
        reason: 'not-serializable',
        message: expect.stringMatching(/BigInt/),
      }),
    );
  });

  it('refuses a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const error = capture(() => serializeTaskOutput(cyclic));
    expect(error).toBeInstanceOf(InvalidTaskOutputError);
    expect(error).toMatchObject({ reason: 'not-serializable' });
    expect((error as Error).message).toMatch(/circular/i);
  });

  it.each([
    [undefined, /undefined/],
    [() => 1, /function/],
    [Symbol('s'), /symbol/],
  ])('refuses %s, which has no JSON form', (value, message) => {
    const error = capture(() => serializeTaskOutput(value));
    expect(error).toMatchObject({ reason: 'not-serializable' });
    expect((error as Error).message).toMatch(message);
  });

  it('counts UTF-8 bytes, not characters, at the 262,144-byte limit', () => {
    // 87,380 × '€' (3 bytes each) + 'aa' + the two quotes = 262,144 bytes exactly.
    const atLimit = `${'€'.repeat(87_380)}aa`;
    expect(Buffer.byteLength(serializeTaskOutput(atLimit))).toBe(TASK_OUTPUT_MAX_BYTES);

    // 87,381 × '€': 262,145 bytes, although only 87,381 characters.
    const overLimit = '€'.repeat(87_381);
    expect(overLimit.length).toBeLessThan(TASK_OUTPUT_MAX_BYTES / 2);
    const error = capture(() => serializeTaskOutput(overLimit));
    expect(error).toMatchObject({ reason: 'too-large', byteLength: TASK_OUTPUT_MAX_BYTES + 1 });
  });

  it('counts a 4-byte character (surrogate pair) as 4 bytes', () => {
    const emoji = '😀'.repeat((TASK_OUTPUT_MAX_BYTES - 2) / 4 + 1); // 262,146 bytes + quotes
    expect(capture(() => serializeTaskOutput(emoji))).toMatchObject({ reason: 'too-large' });
  });
});

function capture(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
