import { describe, expect, it } from 'vitest';
import {
  TASK_FAILURE_CAUSE_MAX_LENGTH,
  TASK_FAILURE_ERROR_MAX_LENGTH,
  toTaskFailure,
  truncateText,
} from '../../src/index.js';

describe('toTaskFailure', () => {
  it('takes an Error’s name and message, without the stack by default', () => {
    const error = new RangeError('quantity must be positive');
    expect(toTaskFailure(error)).toEqual({
      error: 'RangeError',
      cause: 'quantity must be positive',
    });
  });

  it('takes a custom error class name', () => {
    class PaymentDeclined extends Error {
      override name = 'PaymentDeclined';
    }
    expect(toTaskFailure(new PaymentDeclined('card expired'))).toEqual({
      error: 'PaymentDeclined',
      cause: 'card expired',
    });
  });

  it('puts the stack in the cause when asked', () => {
    const failure = toTaskFailure(new Error('boom'), { includeStack: true });
    expect(failure.cause).toMatch(/^Error: boom\n\s+at /);
  });

  it('takes { error, cause } as given', () => {
    expect(toTaskFailure({ error: 'Order.Rejected', cause: 'out of stock' })).toEqual({
      error: 'Order.Rejected',
      cause: 'out of stock',
    });
    expect(toTaskFailure({ error: 'Only.Error' })).toEqual({ error: 'Only.Error', cause: '' });
  });

  it.each([
    ['a string', 'went wrong', { error: 'Error', cause: 'went wrong' }],
    ['undefined', undefined, { error: 'Error', cause: 'A non-Error value was thrown: undefined' }],
    ['null', null, { error: 'Error', cause: 'A non-Error value was thrown: null' }],
    ['a number', 42, { error: 'Error', cause: 'A non-Error value was thrown: 42' }],
    ['a BigInt', 7n, { error: 'Error', cause: 'A non-Error value was thrown: 7n' }],
    [
      'an object',
      { code: 7 },
      { error: 'Error', cause: 'A non-Error value was thrown: {"code":7}' },
    ],
  ])('describes %s', (_label, value, expected) => {
    expect(toTaskFailure(value)).toEqual(expected);
  });

  it('describes a cyclic object without throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toTaskFailure(cyclic)).toEqual({
      error: 'Error',
      cause: 'A non-Error value was thrown: [object Object]',
    });
  });

  it('falls back to "Error" for an Error with an empty name', () => {
    const error = new Error('x');
    error.name = '';
    expect(toTaskFailure(error).error).toBe('Error');
  });

  it('cuts the error name to 256 and the cause to 32,768 characters with a marker', () => {
    const error = new Error('c'.repeat(40_000));
    error.name = 'N'.repeat(300);
    const failure = toTaskFailure(error);
    expect(failure.error).toHaveLength(TASK_FAILURE_ERROR_MAX_LENGTH);
    expect(failure.error).toMatch(/…\[truncated from 300 chars\]$/);
    expect(failure.cause).toHaveLength(TASK_FAILURE_CAUSE_MAX_LENGTH);
    expect(failure.cause).toMatch(/…\[truncated from 40000 chars\]$/);
  });
});

describe('truncateText', () => {
  it('leaves text within the limit alone', () => {
    expect(truncateText('short', 5)).toBe('short');
  });

  it('never splits a surrogate pair at the cut', () => {
    const marker = '…[truncated from 40000 chars]';
    const keep = TASK_FAILURE_CAUSE_MAX_LENGTH - marker.length;
    // Put a 😀 (two code units) across the cut: its high half is the last unit kept.
    const text = `${'a'.repeat(keep - 1)}😀${'b'.repeat(40_000 - keep - 1)}`;
    expect(text).toHaveLength(40_000);
    const cut = truncateText(text, TASK_FAILURE_CAUSE_MAX_LENGTH);
    expect(cut.length).toBeLessThanOrEqual(TASK_FAILURE_CAUSE_MAX_LENGTH);
    expect(cut.endsWith(`a${marker}`)).toBe(true);
    // Every code unit pairs up: re-encoding through UTF-8 loses nothing.
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut);
    expect(cut.isWellFormed()).toBe(true);
  });

  it('keeps a whole pair that ends right at the cut', () => {
    const cut = truncateText(`ab😀${'c'.repeat(50)}`, 4 + '…[truncated from 54 chars]'.length);
    expect(cut.startsWith('ab😀…')).toBe(true);
  });
});
