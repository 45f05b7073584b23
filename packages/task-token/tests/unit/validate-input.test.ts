import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateCallbackInput } from '../../src/index.js';

const Order = z.object({ orderId: z.string(), quantity: z.number().int().positive() });

describe('validateCallbackInput', () => {
  it('gives the parsed value of valid input', async () => {
    expect(await validateCallbackInput(Order, { orderId: 'o-1', quantity: 2 })).toEqual({
      ok: true,
      value: { orderId: 'o-1', quantity: 2 },
    });
  });

  it('applies the schema’s transforms', async () => {
    const Trimmed = z.object({ name: z.string().trim() });
    expect(await validateCallbackInput(Trimmed, { name: '  a ' })).toEqual({
      ok: true,
      value: { name: 'a' },
    });
  });

  it('lists every issue with its path', async () => {
    const result = await validateCallbackInput(Order, { orderId: 7, quantity: -1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('input-invalid');
    expect(result.error.issues).toHaveLength(2);
    expect(result.error.issues[0]).toMatch(/^orderId: /);
    expect(result.error.issues[1]).toMatch(/^quantity: /);
    expect(result.error.message).toMatch(/does not match its schema: orderId: .*; quantity: /);
  });

  it('supports any Standard Schema, async ones too', async () => {
    const evenOnly = {
      '~standard': {
        version: 1 as const,
        vendor: 'hand-written',
        validate: async (value: unknown) =>
          typeof value === 'number' && value % 2 === 0
            ? { value }
            : { issues: [{ message: 'must be even', path: [{ key: 'n' }] }] },
      },
    };
    expect(await validateCallbackInput(evenOnly, 4)).toEqual({ ok: true, value: 4 });
    const odd = await validateCallbackInput(evenOnly, 3);
    expect(!odd.ok && odd.error.issues).toEqual(['n: must be even']);
  });
});
