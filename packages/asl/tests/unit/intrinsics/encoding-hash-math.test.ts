import { describe, expect, it } from 'vitest';
import { evaluate, failure, fixedRandom } from './helpers.js';

describe('States.Base64Encode and Base64Decode', () => {
  it('round-trips UTF-8 text', () => {
    // intrinsic_functions/test_base_64_decode#exec_hist_resp_1, test_base_64_encode#_0.
    expect(evaluate("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')")).toBe('Data to encode');
    expect(evaluate("States.Base64Encode('')")).toBe('');
    expect(evaluate("States.Base64Encode('Hello World')")).toBe('SGVsbG8gV29ybGQ=');
  });

  it('rejects bad base64 and inputs over 10,000 characters', () => {
    expect(failure("States.Base64Decode('not base64!')").cause).toBe(
      'Invalid arguments in States.Base64Decode',
    );
    expect(failure('States.Base64Encode($.s)', { s: 'a'.repeat(10_001) }).cause).toBe(
      'Invalid arguments in States.Base64Encode',
    );
  });
});

describe('States.Hash', () => {
  it('gives lowercase hex digests', () => {
    // intrinsic_functions/test_hash#exec_hist_resp_0 (MD5) and _2 (SHA-256).
    expect(evaluate("States.Hash('input data', 'MD5')")).toBe('812f45842bc6d66ee14572ce20db8e86');
    expect(evaluate("States.Hash('input data', 'SHA-256')")).toBe(
      'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3',
    );
    expect(evaluate("States.Hash('hello', 'SHA-1')")).toBe(
      'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d',
    );
  });

  it('rejects unknown algorithm names and long data', () => {
    expect(failure("States.Hash('x', 'sha-256')").cause).toBe('Invalid arguments in States.Hash');
    expect(failure("States.Hash($.s, 'MD5')", { s: 'a'.repeat(10_001) }).cause).toBe(
      'Invalid arguments in States.Hash',
    );
  });
});

describe('States.MathAdd', () => {
  it.each([
    // intrinsic_functions/test_math_add#exec_hist_resp_<n>: [n, a, b, sum].
    [1, 1.49, 1.5, 3],
    [10, -1.5, 0, -1],
    [11, -1.51, 0, -2],
    [12, 0.5, 0, 1],
    [14, 2.5, 0, 3],
    [16, -0.5, 0.5, 1],
    [17, -0.5, 0, 0],
    [20, -3.5, 0, -3],
  ])('rounds halves up (#exec_hist_resp_%i)', (_n, a, b, sum) => {
    expect(Object.is(evaluate('States.MathAdd($.a, $.b)', { a, b }), sum)).toBe(true);
  });

  it('takes int32 numbers only', () => {
    expect(failure("States.MathAdd(1, '2')").cause).toBe('Invalid arguments in States.MathAdd');
    expect(failure('States.MathAdd(2147483648, 0)').cause).toBe(
      'Invalid arguments in States.MathAdd',
    );
  });
});

describe('States.MathRandom', () => {
  it('picks from [start, end) with the injected source', () => {
    expect(evaluate('States.MathRandom(10, 20)', {}, {}, fixedRandom(0))).toBe(10);
    expect(evaluate('States.MathRandom(10, 20)', {}, {}, fixedRandom(0.999))).toBe(19);
    // Bounds truncate: 1.6 and 5.4 give [1, 5).
    expect(evaluate('States.MathRandom(1.6, 5.4)', {}, {}, fixedRandom(0))).toBe(1);
  });

  it('gives the same number for the same seed', () => {
    const first = evaluate('States.MathRandom(0, 999, 3)', {}, {}, fixedRandom(0.1));
    const second = evaluate('States.MathRandom(0, 999, 3)', {}, {}, fixedRandom(0.9));
    expect(first).toBe(second);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(999);
  });

  it("matches java.util.Random's nextInt", () => {
    // Printed by Java 17: new Random(42).nextInt(100) == 30, new Random(42).nextInt(16) == 11
    // (the power-of-two path), new Random(-10).nextInt(9) == 0.
    expect(evaluate('States.MathRandom(0, 100, 42)')).toBe(30);
    expect(evaluate('States.MathRandom(5, 21, 42)')).toBe(16);
    expect(evaluate('States.MathRandom(1, 10, -10)')).toBe(1);
  });

  it('rejects empty ranges', () => {
    expect(failure('States.MathRandom(1.4, 1.6)').cause).toBe(
      'Invalid arguments in States.MathRandom',
    );
    expect(failure('States.MathRandom(5, 1)').cause).toBe('Invalid arguments in States.MathRandom');
  });
});

describe('States.UUID', () => {
  it('takes its UUID from the random source and no arguments', () => {
    expect(evaluate('States.UUID()')).toBe('6f7c5b2e-2d4a-4c1e-9b3a-0e8f1d2c3b4a');
    expect(failure('States.UUID(1)').cause).toBe('Invalid arguments in States.UUID');
  });
});
