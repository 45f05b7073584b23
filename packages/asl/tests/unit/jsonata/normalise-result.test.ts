import { describe, expect, it } from 'vitest';
import { normaliseJsonataResult, UNSUPPORTED } from '../../../src/jsonata/normalise-result.js';

describe('normaliseJsonataResult', () => {
  it('returns JSON that needs no change as it is', () => {
    const value = { a: [1, { b: 'c' }], d: null };
    expect(normaliseJsonataResult(value)).toBe(value);
  });

  it('copies flagged sequences into plain arrays, at any depth', () => {
    const sequence = Object.assign([1, 2], { sequence: true, keepSingleton: true });
    const result = normaliseJsonataResult({ s: sequence });
    expect(result).toStrictEqual({ s: [1, 2] });
    expect(Object.keys((result as { s: object }).s)).toEqual(['0', '1']);
  });

  it('drops members that are undefined and nulls undefined items, as JSON text does', () => {
    expect(normaliseJsonataResult({ a: undefined, b: 1 })).toStrictEqual({ b: 1 });
    expect(normaliseJsonataResult([undefined, 1])).toStrictEqual([null, 1]);
  });

  it('keeps a __proto__ member as data', () => {
    const parsed = JSON.parse('{"z": null, "__proto__": {"x": 1}}') as Record<string, unknown>;
    // An undefined first member forces a copy, which must keep __proto__ as an own member.
    const result = normaliseJsonataResult({ a: undefined, ...parsed }) as Record<string, unknown>;
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('flags what JSON cannot hold', () => {
    expect(normaliseJsonataResult(Number.NaN)).toBe(UNSUPPORTED);
    expect(normaliseJsonataResult([Number.POSITIVE_INFINITY])).toBe(UNSUPPORTED);
    expect(normaliseJsonataResult(() => 1)).toBe(UNSUPPORTED);
    expect(normaliseJsonataResult({ f: { _jsonata_lambda: true } })).toBe(UNSUPPORTED);
  });
});
